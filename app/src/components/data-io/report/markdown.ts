/**
 * The release report as a Markdown file (IO-14): the same sections as the printable page. Every piece of
 * text people typed goes through mdText or into a fence (escape.ts), so the file renders as written.
 */
import type { ReleaseReport, ReportStepRef } from '@runsheet/domain';
import { count } from '@/lib/count';
import { unifiedDiff } from './diff.ts';
import { mdFence, mdTable, mdText } from './escape.ts';
import { ACTION_LABEL, progressText, releaseSubtitle, reportTime } from './format.ts';
import { type ReportRollout, wavesMarkdown } from './waves.ts';

const where = (s: ReportStepRef) => [
  mdText(s.cluster),
  mdText(s.namespace),
  mdText(s.customer),
  mdText(s.step),
];

function progressSection(report: ReleaseReport): string[] {
  const { overall, byCategory } = report;
  const out = [
    '## Progress',
    '',
    `**${overall.completePercent}% complete** · ${overall.donePercent}% done (${overall.done} done, ${overall.skipped} skipped of ${count(overall.total, 'step')})`,
    '',
  ];
  out.push(
    mdTable(
      ['Category', 'Complete', 'Done', 'Steps done', 'Skipped', 'Total'],
      (['deploy', 'verify'] as const).map((c) => {
        const p = byCategory[c];
        return [
          c === 'deploy' ? 'Deploy' : 'Verify',
          `${p.completePercent}%`,
          `${p.donePercent}%`,
          `${p.done}`,
          `${p.skipped}`,
          `${p.total}`,
        ];
      }),
    ),
  );
  out.push('', '## By cluster', '');
  if (report.clusters.length === 0) out.push('No customers take part yet.');
  for (const cluster of report.clusters) {
    out.push(`### ${mdText(cluster.name)}`, '', mdText(progressText(cluster.progress)), '');
    out.push(
      mdTable(
        ['Customer', 'Namespace', 'Complete', 'Done', 'Steps'],
        cluster.customers.map((c) => [
          mdText(c.name),
          mdText(c.namespace),
          `${c.progress.completePercent}%`,
          `${c.progress.donePercent}%`,
          `${c.progress.done + c.progress.skipped} of ${c.progress.total}`,
        ]),
      ),
      '',
    );
  }
  return out;
}

function reasonsSection(title: string, entries: ReleaseReport['skipped'], none: string): string[] {
  const out = [`## ${title} (${entries.length})`, ''];
  if (entries.length === 0) return [...out, none, ''];
  out.push(
    mdTable(
      ['Cluster', 'Namespace', 'Customer', 'Step', 'Reason', 'By', 'When'],
      entries.map((e) => [...where(e), mdText(e.reason), mdText(e.who), mdText(reportTime(e.when))]),
    ),
    '',
  );
  return out;
}

function overridesSection(report: ReleaseReport): string[] {
  const out = [`## Overrides (${report.overrides.length})`, ''];
  if (report.overrides.length === 0) return [...out, 'No step was overridden.', ''];
  for (const o of report.overrides) {
    out.push(
      `### ${mdText(o.customer)} (${mdText(o.cluster)} / ${mdText(o.namespace)}): ${mdText(o.step)}`,
      '',
      `Status: ${o.status}. Template step: ${mdText(o.templateName)}.`,
      '',
      mdFence(
        unifiedDiff(o.templateContent, o.overrideContent, 'template', `override for ${o.customer}`),
        'diff',
      ),
      '',
    );
  }
  return out;
}

function executionsSection(report: ReleaseReport): string[] {
  const out = [`## Who did what (${report.executions.length})`, ''];
  if (report.executions.length === 0) return [...out, 'Nothing was executed yet.', ''];
  out.push(
    mdTable(
      ['When', 'Who', 'Action', 'Cluster', 'Namespace', 'Customer', 'Step', 'Note'],
      report.executions.map((e) => [
        mdText(reportTime(e.at)),
        mdText(e.who),
        ACTION_LABEL[e.kind] ?? mdText(e.kind),
        ...where(e),
        mdText(e.detail),
      ]),
    ),
    '',
  );
  return out;
}

export function reportMarkdown(report: ReleaseReport, rollout?: ReportRollout): string {
  const lines = [
    `# Release report: ${mdText(report.release.name)}`,
    '',
    mdText(releaseSubtitle(report)),
    '',
    `Generated ${mdText(reportTime(report.generatedAt))} by Runsheet.`,
    '',
    ...progressSection(report),
    ...wavesMarkdown(rollout),
    ...reasonsSection('Skipped steps', report.skipped, 'No step was skipped.'),
    ...reasonsSection('Reverted steps', report.reverted, 'No step was reverted.'),
    ...overridesSection(report),
    ...executionsSection(report),
  ];
  // No clean-up of blank lines: a fence's content must stay byte for byte.
  return `${lines.join('\n').trimEnd()}\n`;
}
