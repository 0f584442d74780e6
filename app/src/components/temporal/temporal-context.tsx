/**
 * The temporal document in React: the composition root (compose.ts) passes the way to open it (once per
 * tab, on first use, followed by the sync layer), and the temporal hooks (use-temporal.ts) read it here.
 */
import { createContext, type ReactNode, useContext } from 'react';
import type { TemporalDocHandle } from '@/data/temporal-doc';

const TemporalDocContext = createContext<(() => TemporalDocHandle) | null>(null);

export function TemporalDocProvider({
  open,
  children,
}: {
  open: () => TemporalDocHandle;
  children: ReactNode;
}) {
  return <TemporalDocContext.Provider value={open}>{children}</TemporalDocContext.Provider>;
}

/** The tab's temporal document, opened by the first screen that asks. */
export function useTemporalDoc(): TemporalDocHandle {
  const open = useContext(TemporalDocContext);
  if (!open) throw new Error('useTemporalDoc needs a <TemporalDocProvider> above it');
  return open();
}
