/** The sections of the printable release report; the same content as the Markdown file (markdown.ts). */
import type { ReleaseReport, ReportReasonEntry } from '@runsheet/domain';
import { ProgressBar } from '@/components/progress/progress-bar';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { count } from '@/lib/count';
import { DiffView } from './diff-view.tsx';
import { ACTION_LABEL, reportTime } from './format.ts';

const cell = 'whitespace-normal align-top';

export function ProgressSection({ report }: { report: ReleaseReport }) {
  const { overall, byCategory } = report;
  return (
    <section aria-labelledby="report-progress" className="grid gap-4 break-inside-avoid">
      <h2 id="report-progress" className="font-semibold text-xl">
        Progress
      </h2>
      <p className="text-lg">
        <span className="font-semibold">{overall.completePercent}% complete</span>{' '}
        <span className="text-muted-foreground">
          · {overall.donePercent}% done ({overall.done} done, {overall.skipped} skipped of{' '}
          {count(overall.total, 'step')})
        </span>
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        <ProgressBar progress={byCategory.deploy} label="Deploy steps" />
        <ProgressBar progress={byCategory.verify} label="Verify steps" />
      </div>
      <Table aria-label="Progress by category">
        <TableHeader>
          <TableRow>
            <TableHead scope="col">Category</TableHead>
            <TableHead scope="col">Complete</TableHead>
            <TableHead scope="col">Done</TableHead>
            <TableHead scope="col">Skipped</TableHead>
            <TableHead scope="col">Steps</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {(['deploy', 'verify'] as const).map((c) => (
            <TableRow key={c}>
              <TableHead scope="row" className="font-normal">
                {c === 'deploy' ? 'Deploy' : 'Verify'}
              </TableHead>
              <TableCell>{byCategory[c].completePercent}%</TableCell>
              <TableCell>{byCategory[c].donePercent}%</TableCell>
              <TableCell>{byCategory[c].skipped}</TableCell>
              <TableCell>{byCategory[c].total}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}

export function ClustersSection({ report }: { report: ReleaseReport }) {
  return (
    <section aria-labelledby="report-clusters" className="grid gap-4">
      <h2 id="report-clusters" className="font-semibold text-xl">
        By cluster
      </h2>
      {report.clusters.length === 0 && <p className="text-muted-foreground">No customers take part yet.</p>}
      {report.clusters.map((cluster) => (
        <div key={cluster.clusterId} className="grid gap-2 break-inside-avoid">
          <h3 className="font-semibold">{cluster.name}</h3>
          <ProgressBar progress={cluster.progress} label={`Progress of cluster ${cluster.name}`} />
          <Table aria-label={`Customers of cluster ${cluster.name}`}>
            <TableHeader>
              <TableRow>
                <TableHead scope="col">Customer</TableHead>
                <TableHead scope="col">Namespace</TableHead>
                <TableHead scope="col">Complete</TableHead>
                <TableHead scope="col">Done</TableHead>
                <TableHead scope="col">Steps</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {cluster.customers.map((c) => (
                <TableRow key={c.customerId}>
                  <TableHead scope="row" className="whitespace-normal font-normal">
                    {c.name}
                  </TableHead>
                  <TableCell className="font-mono text-xs">{c.namespace}</TableCell>
                  <TableCell>{c.progress.completePercent}%</TableCell>
                  <TableCell>{c.progress.donePercent}%</TableCell>
                  <TableCell>
                    {c.progress.done + c.progress.skipped} of {c.progress.total}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ))}
    </section>
  );
}

export function ReasonsSection({
  id,
  title,
  entries,
  none,
}: {
  id: string;
  title: string;
  entries: ReportReasonEntry[];
  none: string;
}) {
  return (
    <section aria-labelledby={id} className="grid gap-3">
      <h2 id={id} className="font-semibold text-xl">
        {title} ({entries.length})
      </h2>
      {entries.length === 0 ? (
        <p className="text-muted-foreground">{none}</p>
      ) : (
        <Table aria-label={title}>
          <TableHeader>
            <TableRow>
              <TableHead scope="col">Cluster</TableHead>
              <TableHead scope="col">Namespace</TableHead>
              <TableHead scope="col">Customer</TableHead>
              <TableHead scope="col">Step</TableHead>
              <TableHead scope="col">Reason</TableHead>
              <TableHead scope="col">By</TableHead>
              <TableHead scope="col">When</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {entries.map((e) => (
              <TableRow key={e.stepId} className="break-inside-avoid">
                <TableCell className={cell}>{e.cluster}</TableCell>
                <TableCell className="font-mono text-xs">{e.namespace}</TableCell>
                <TableCell className={cell}>{e.customer}</TableCell>
                <TableCell className={cell}>{e.step}</TableCell>
                <TableCell className={cell}>{e.reason}</TableCell>
                <TableCell className={cell}>{e.who}</TableCell>
                <TableCell>{reportTime(e.when)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

export function OverridesSection({ report }: { report: ReleaseReport }) {
  return (
    <section aria-labelledby="report-overrides" className="grid gap-4">
      <h2 id="report-overrides" className="font-semibold text-xl">
        Overrides ({report.overrides.length})
      </h2>
      {report.overrides.length === 0 && <p className="text-muted-foreground">No step was overridden.</p>}
      {report.overrides.map((o) => (
        <article key={o.stepId} className="grid gap-2 break-inside-avoid">
          <h3 className="font-semibold">
            {o.customer} ({o.cluster} / <span className="font-mono text-sm">{o.namespace}</span>): {o.step}
          </h3>
          <p className="text-muted-foreground text-sm">
            Status {o.status}. Template step: {o.templateName}.
          </p>
          <DiffView
            before={o.templateContent}
            after={o.overrideContent}
            afterLabel={`override for ${o.customer}`}
          />
        </article>
      ))}
    </section>
  );
}

export function ExecutionsSection({ report }: { report: ReleaseReport }) {
  return (
    <section aria-labelledby="report-executions" className="grid gap-3 print:break-before-page">
      <h2 id="report-executions" className="font-semibold text-xl">
        Who did what ({report.executions.length})
      </h2>
      {report.executions.length === 0 ? (
        <p className="text-muted-foreground">Nothing was executed yet.</p>
      ) : (
        <Table aria-label="Who did what">
          <TableHeader>
            <TableRow>
              <TableHead scope="col">When</TableHead>
              <TableHead scope="col">Who</TableHead>
              <TableHead scope="col">Action</TableHead>
              <TableHead scope="col">Cluster</TableHead>
              <TableHead scope="col">Namespace</TableHead>
              <TableHead scope="col">Customer</TableHead>
              <TableHead scope="col">Step</TableHead>
              <TableHead scope="col">Note</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {report.executions.map((e) => (
              <TableRow key={e.eventId} className="break-inside-avoid">
                <TableCell>{reportTime(e.at)}</TableCell>
                <TableCell className={cell}>{e.who}</TableCell>
                <TableCell>{ACTION_LABEL[e.kind] ?? e.kind}</TableCell>
                <TableCell className={cell}>{e.cluster}</TableCell>
                <TableCell className="font-mono text-xs">{e.namespace}</TableCell>
                <TableCell className={cell}>{e.customer}</TableCell>
                <TableCell className={cell}>{e.step}</TableCell>
                <TableCell className={cell}>{e.detail}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
