import type { KeyValueStore } from '@/lib/theme';

/** An in-memory Storage for tests; `broken` makes every call throw, like blocked storage does. */
export function fakeStorage(
  initial: Record<string, string> = {},
  broken = false,
): KeyValueStore & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  const guard = () => {
    if (broken) throw new DOMException('The operation is insecure.', 'SecurityError');
  };
  return {
    data,
    getItem: (key) => {
      guard();
      return data.get(key) ?? null;
    },
    setItem: (key, value) => {
      guard();
      data.set(key, String(value));
    },
    removeItem: (key) => {
      guard();
      data.delete(key);
    },
  };
}
