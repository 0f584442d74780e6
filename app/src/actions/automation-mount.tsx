/**
 * Installs the automation hook (automation.ts) when, and only when, the page was first loaded with
 * `?bench=1`. The check runs once at start-up; the module is loaded on demand, so normal use never
 * downloads it.
 */
import { useEffect } from 'react';
import { useWorkspace } from '@/state/workspace-context';

const requested =
  typeof window !== 'undefined' && new URLSearchParams(window.location.search).get('bench') === '1';

export function AutomationMount() {
  const api = useWorkspace();
  useEffect(() => {
    if (!requested) return;
    void import('./automation').then((m) => m.install(api));
  }, [api]);
  return null;
}
