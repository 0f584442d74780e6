/** Shared wording of the report page and the Markdown file, so both say the same thing. */
import type { Progress, ReleaseReport } from '@runsheet/domain';

/** `2026-02-01 09:00 UTC`: reports travel between time zones, so they say which one. */
export function reportTime(iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso)) return iso;
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Complete leads, done beside it (PR-02). */
export function progressText(p: Progress): string {
  return `${p.completePercent}% complete · ${p.donePercent}% done (${p.done} done, ${p.skipped} skipped of ${p.total})`;
}

export const ACTION_LABEL: Record<string, string> = {
  done: 'Done',
  skipped: 'Skipped',
  reverted: 'Reverted',
  reopened: 'Reopened',
};

export function releaseSubtitle(report: ReleaseReport): string {
  const r = report.release;
  return [
    r.type,
    r.versionNumber ? `version ${r.versionNumber}` : null,
    `status ${r.status}`,
    r.releaseDate ? `target ${r.releaseDate}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}
