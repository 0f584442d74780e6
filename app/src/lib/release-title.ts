/** How a release is named in lists of several releases (dashboard, palette): name and version. */
import type { Release } from '@runsheet/domain';

export function releaseTitle(release: Pick<Release, 'name' | 'versionNumber'>): string {
  return release.versionNumber && release.versionNumber !== release.name
    ? `${release.name} (${release.versionNumber})`
    : release.name;
}
