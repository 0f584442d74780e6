/** Loads something from the API once, keeps it, and loads it again on demand (after a change). */
import { useCallback, useEffect, useState } from 'react';
import { apiErrors } from '@/sync/api-errors';

export interface ApiResource<T> {
  data: T | null;
  error: string | null;
  reload: () => void;
}

export function useApiResource<T>(load: () => Promise<T>): ApiResource<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    // `round` asks for a fresh load; it is read so the effect runs again when it changes.
    void round;
    load().then(
      (value) => {
        if (!live) return;
        setData(value);
        setError(null);
      },
      (e: unknown) => live && setError(apiErrors(e, []).form),
    );
    return () => {
      live = false;
    };
  }, [load, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { data, error, reload };
}
