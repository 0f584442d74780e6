/** One line of facts about a release (functional-spec §5.5 header): type, status, version, date. */
import type { Release } from '@runsheet/domain';

const TYPE_LABELS: Record<Release['type'], string> = {
  release: 'Regular release',
  hotfix: 'Hotfix',
  onboarding: 'Onboarding',
};

export function releaseTitle(release: Pick<Release, 'name' | 'versionNumber'>): string {
  return release.versionNumber && release.versionNumber !== release.name
    ? `${release.name} (${release.versionNumber})`
    : release.name;
}

export function ReleaseFacts({ release }: { release: Release }) {
  const facts = [
    TYPE_LABELS[release.type],
    `Status: ${release.status}`,
    release.releaseDate ? `Date: ${release.releaseDate}` : null,
  ].filter((f): f is string => f !== null);
  return <span data-testid="release-facts">{facts.join(' · ')}</span>;
}
