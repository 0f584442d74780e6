/**
 * The report's waves (issue 15): each wave in rollout order with its customers, progress, and when it
 * opened (and how) and completed; the halt in force, if any. The page and the Markdown file say the same.
 */
import { type DomainState, type OpenedBy, type ReleaseId, rolloutStatus } from '@runsheet/domain';
import { customerCount } from '@/lib/count';
import { mdTable, mdText } from './escape.ts';
import { reportTime } from './format.ts';

export interface ReportWave {
  name: string;
  customers: string;
  progress: string;
  opened: string;
  completed: string;
}

export interface ReportRollout {
  waves: ReportWave[];
  halt: string | null;
}

const HOW: Record<OpenedBy, string> = {
  release: 'with the release',
  conditions: 'its gate’s conditions met',
  'sign-off': 'signed off',
  early: 'opened early',
};

export function reportRollout(state: DomainState, releaseId: ReleaseId, now: string): ReportRollout {
  const status = rolloutStatus(state, releaseId, { now });
  return {
    halt: status.halted
      ? `Halted by ${status.halted.byName} (${reportTime(status.halted.at)}): ${status.halted.reason}`
      : null,
    waves: status.waves.map((w) => ({
      name: w.wave.name,
      customers: customerCount(w.customerIds.length),
      progress: `${w.completion.complete} of ${w.completion.total} complete`,
      opened: w.openedAt ? `${reportTime(w.openedAt)} (${HOW[w.openedBy ?? 'conditions']})` : 'not open',
      completed: w.completedAt ? reportTime(w.completedAt) : '—',
    })),
  };
}

export const WAVE_COLUMNS = ['Wave', 'Customers', 'Progress', 'Opened', 'Completed'] as const;

/** The Markdown section; nothing for a release without waves. */
export function wavesMarkdown(rollout: ReportRollout | undefined): string[] {
  if (!rollout || (rollout.waves.length === 0 && !rollout.halt)) return [];
  const out = ['## Waves', ''];
  if (rollout.halt) out.push(`**${mdText(rollout.halt)}**`, '');
  if (rollout.waves.length > 0)
    out.push(
      mdTable(
        WAVE_COLUMNS,
        rollout.waves.map((w) => [mdText(w.name), w.customers, w.progress, w.opened, w.completed]),
      ),
      '',
    );
  return out;
}
