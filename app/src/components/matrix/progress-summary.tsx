/**
 * Progress of a release (FET-005, functional-spec §8.2): overall and per category, the domain's
 * releaseProgress numbers as they are (PR-02: complete leads, done beside it).
 */
import type { ReleaseProgress } from '@runsheet/domain';
import { ProgressBar } from '@/components/progress/progress-bar';

export function ProgressSummary({ progress, label }: { progress: ReleaseProgress; label: string }) {
  const parts = [
    { key: 'overall', title: 'Overall', p: progress.overall },
    { key: 'deploy', title: 'Deploy', p: progress.byCategory.deploy },
    { key: 'verify', title: 'Verify', p: progress.byCategory.verify },
  ];
  return (
    <section aria-label={label} className="grid gap-4 sm:grid-cols-3" data-testid="release-progress">
      {parts.map(({ key, title, p }) => (
        <div key={key} className="grid gap-1.5 rounded-md border bg-card p-3" data-progress={key}>
          <p className="font-medium text-sm">{title}</p>
          <ProgressBar progress={p} label={`${title} progress`} />
        </div>
      ))}
    </section>
  );
}
