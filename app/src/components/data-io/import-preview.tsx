/**
 * What an import would do, before it does it (IO-06): counts per collection, the new records, the
 * changed fields of existing ones (old -> new), what the workspace keeps because its copy is newer, and
 * the conflicts the merge would bring. Everything is rendered as text.
 */
import { COLLECTIONS, type Problem } from '@runsheet/domain';
import type { ReactNode } from 'react';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { count } from '@/lib/count';
import { COLLECTION_LABEL, LIST_LIMIT, showValue } from './import-labels.ts';
import type { PlanSummary } from './import-pipeline.ts';

function More({ total }: { total: number }) {
  return total > LIST_LIMIT ? <li className="text-muted-foreground">and {total - LIST_LIMIT} more</li> : null;
}

function Section({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  if (count === 0) return null;
  return (
    <details className="rounded-md border p-3">
      <summary className="cursor-pointer font-medium text-sm">
        {title} ({count})
      </summary>
      <div className="mt-2 text-sm">{children}</div>
    </details>
  );
}

export function ProblemList({ problems, total }: { problems: readonly Problem[]; total: number }) {
  return (
    <div role="alert" className="grid gap-2 rounded-md border border-destructive p-3">
      <p className="font-medium text-destructive text-sm">
        This file cannot be imported: {count(total, 'problem')}. Nothing was changed.
      </p>
      <ul className="grid max-h-64 gap-1 overflow-y-auto text-sm" aria-label="Problems in the file">
        {problems.map((p) => (
          <li key={`${p.path}|${p.code}`}>
            {p.path !== '' && <code className="rounded bg-muted px-1 font-mono text-xs">{p.path}</code>}{' '}
            {p.message}
          </li>
        ))}
        {total > problems.length && (
          <li className="text-muted-foreground">and {total - problems.length} more</li>
        )}
      </ul>
    </div>
  );
}

export function ImportPreview({ plan, warnings }: { plan: PlanSummary; warnings: readonly Problem[] }) {
  const { totals } = plan;
  return (
    <div className="grid gap-4">
      <Table aria-label="What the import does">
        <TableHeader>
          <TableRow>
            <TableHead scope="col">Records</TableHead>
            <TableHead scope="col" className="text-right">
              New
            </TableHead>
            <TableHead scope="col" className="text-right">
              Changed
            </TableHead>
            <TableHead scope="col" className="text-right">
              Unchanged
            </TableHead>
            <TableHead scope="col" className="text-right">
              Kept (newer here)
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {COLLECTIONS.map((c) => {
            const n = plan.counts[c];
            return (
              <TableRow key={c} data-collection={c}>
                <TableHead scope="row" className="font-normal">
                  {COLLECTION_LABEL[c]}
                </TableHead>
                <TableCell className="text-right tabular-nums">{n.added}</TableCell>
                <TableCell className="text-right tabular-nums">{n.changed}</TableCell>
                <TableCell className="text-right tabular-nums">{n.unchanged}</TableCell>
                <TableCell className="text-right tabular-nums">{n.keptNewer}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>

      {plan.conflicts.length > 0 && (
        <div className="grid gap-2 rounded-md border border-warning bg-warning/15 p-3">
          <h3 className="font-medium text-sm">
            Conflicts this import would create ({plan.conflicts.length})
          </h3>
          <p className="text-sm">
            You can still import: they are then listed as conflicts to resolve (rename, move or archive).
          </p>
          <ul className="grid list-disc gap-1 pl-5 text-sm" aria-label="Conflicts">
            {plan.conflicts.map((c) => (
              <li key={c.id}>{c.message}</li>
            ))}
          </ul>
        </div>
      )}

      <Section title="New" count={totals.added}>
        <ul className="grid gap-0.5" aria-label="New records">
          {plan.added.slice(0, LIST_LIMIT).map((i) => (
            <li key={`${i.collection}|${i.id}`}>
              <span className="text-muted-foreground">{COLLECTION_LABEL[i.collection]}:</span> {i.label}
            </li>
          ))}
          <More total={totals.added} />
        </ul>
      </Section>

      <Section title="Changed" count={totals.changed}>
        <ul className="grid gap-2" aria-label="Changed records">
          {plan.changed.slice(0, LIST_LIMIT).map((i) => (
            <li key={`${i.collection}|${i.id}`}>
              <span className="text-muted-foreground">{COLLECTION_LABEL[i.collection]}:</span> {i.label}{' '}
              <span className="text-muted-foreground">({i.id})</span>
              <ul className="mt-0.5 grid gap-0.5 pl-4">
                {i.fields.map((f) => (
                  <li key={f.field} className="break-words">
                    <code className="font-mono text-xs">{f.field}</code>: {showValue(f.from)} →{' '}
                    {showValue(f.to)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
          <More total={totals.changed} />
        </ul>
      </Section>

      <Section title="Kept because this workspace has a newer copy" count={totals.keptNewer}>
        <ul className="grid gap-0.5" aria-label="Kept records">
          {plan.keptNewer.slice(0, LIST_LIMIT).map((i) => (
            <li key={`${i.collection}|${i.id}`}>
              <span className="text-muted-foreground">{COLLECTION_LABEL[i.collection]}:</span> {i.label}
            </li>
          ))}
          <More total={totals.keptNewer} />
        </ul>
      </Section>

      {warnings.length > 0 && (
        <p className="text-muted-foreground text-sm">
          Left out (not part of the format): {warnings.map((w) => w.path).join(', ')}.
        </p>
      )}
    </div>
  );
}
