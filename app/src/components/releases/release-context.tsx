/**
 * The release a page under /releases/$releaseId shows, loaded once by the route layout. Child views
 * (overview, template steps, the matrix) read it from here instead of querying it again.
 */
import type { Release } from '@runsheet/domain';
import { createContext, type ReactNode, useContext } from 'react';

const ReleaseContext = createContext<Release | null>(null);

export function ReleaseProvider({ release, children }: { release: Release; children: ReactNode }) {
  return <ReleaseContext.Provider value={release}>{children}</ReleaseContext.Provider>;
}

export function useCurrentRelease(): Release {
  const release = useContext(ReleaseContext);
  if (!release) throw new Error('useCurrentRelease needs the /releases/$releaseId layout above it');
  return release;
}
