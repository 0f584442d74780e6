/**
 * The printable release report (IO-14). On screen: a toolbar to print or download; on paper: only the
 * report (the toolbar and the app header are `print:hidden`), sections kept whole where they fit.
 * Computed from the live domain state, so it follows every change while open.
 */
import { type ReleaseId, releaseReport, slugFileName } from '@runsheet/domain';
import { Link } from '@tanstack/react-router';
import { ArrowLeftIcon, FileTextIcon, PrinterIcon } from 'lucide-react';
import { useMemo } from 'react';
import { ReleaseMissing } from '@/components/layout/not-found';
import { Button } from '@/components/ui/button';
import { useReleaseView } from '@/data';
import { pageTitle } from '@/lib/page-title';
import { downloadText, localDate } from '../download.ts';
import { MatrixCsvButton } from '../release-exports.tsx';
import { releaseSubtitle, reportTime } from './format.ts';
import { reportMarkdown } from './markdown.ts';
import {
  ClustersSection,
  ExecutionsSection,
  OverridesSection,
  ProgressSection,
  ReasonsSection,
} from './report-sections.tsx';
import { reportRollout } from './waves.ts';
import { WavesSection } from './waves-section.tsx';

export function ReleaseReportPage({ releaseId }: { releaseId: ReleaseId }) {
  const view = useReleaseView(releaseId);
  // The report lists every run and reason: it waits for the release's history.
  const state = view.status === 'ready' && view.history === 'ready' ? view.state : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is how a change of the documents reaches the report.
  const report = useMemo(
    () =>
      view.status === 'missing'
        ? null
        : state
          ? releaseReport(state, releaseId, new Date().toISOString())
          : undefined,
    [state, releaseId, view.version, view.status],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: as above.
  const rollout = useMemo(
    () => (state ? reportRollout(state, releaseId, new Date().toISOString()) : undefined),
    [state, releaseId, view.version],
  );

  if (report === undefined) {
    return (
      <p className="text-muted-foreground" aria-live="polite">
        Preparing the report…
      </p>
    );
  }
  if (report === null) return <ReleaseMissing />;

  const name = report.release.name;
  const date = localDate();
  return (
    // print-color-adjust (inherited): progress bars and diff colours carry meaning, so they print too.
    <article className="grid gap-10 print:gap-6 print:[print-color-adjust:exact]">
      <title>{pageTitle(`Report: ${name}`)}</title>
      <div
        className="flex flex-wrap items-center gap-2 print:hidden"
        role="toolbar"
        aria-label="Report actions"
      >
        <Button asChild variant="ghost" size="sm">
          <Link to="/releases">
            <ArrowLeftIcon aria-hidden="true" /> Releases
          </Link>
        </Button>
        <div className="ml-auto flex flex-wrap gap-2">
          <Button variant="outline" size="sm" onClick={() => window.print()}>
            <PrinterIcon aria-hidden="true" /> Print
          </Button>
          <Button
            variant="outline"
            size="sm"
            onClick={() =>
              downloadText(
                slugFileName(name, 'report', date, 'md'),
                reportMarkdown(report, rollout),
                'text/markdown',
              )
            }
          >
            <FileTextIcon aria-hidden="true" /> Download Markdown
          </Button>
          <MatrixCsvButton releaseId={releaseId} />
        </div>
      </div>
      <header className="grid gap-1">
        <h1 className="font-semibold text-2xl tracking-tight">Release report: {name}</h1>
        <p className="text-muted-foreground">{releaseSubtitle(report)}</p>
        <p className="text-muted-foreground text-sm">Generated {reportTime(report.generatedAt)}</p>
      </header>
      <ProgressSection report={report} />
      {rollout && <WavesSection rollout={rollout} />}
      <ClustersSection report={report} />
      <ReasonsSection
        id="report-skipped"
        title="Skipped steps"
        entries={report.skipped}
        none="No step was skipped."
      />
      <ReasonsSection
        id="report-reverted"
        title="Reverted steps"
        entries={report.reverted}
        none="No step was reverted."
      />
      <OverridesSection report={report} />
      <ExecutionsSection report={report} />
    </article>
  );
}
