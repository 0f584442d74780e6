/**
 * The rows of a CSV import as a table of inputs: each cell can be fixed where it is, and its problem is
 * written under it and linked to it (aria-describedby), so a screen reader says why, where it is typed.
 */
import type { CatalogField, CatalogTable, RowCheck, RowIssue } from '@runsheet/domain';
import { CATALOG_COLUMNS } from '@runsheet/domain';
import { CheckIcon } from 'lucide-react';
import { useId } from 'react';
import { Input } from '@/components/ui/input';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { count } from '@/lib/count';
import { cn } from '@/lib/utils';

export const FIELD_LABEL: Record<CatalogField, string> = {
  name: 'Name',
  cluster: 'Cluster',
  namespace: 'Namespace',
  kubeconfigPath: 'Kubeconfig path',
  description: 'Description',
};

type Column =
  | { kind: 'field'; field: CatalogField; label: string }
  | { kind: 'meta'; key: string; label: string };

function Cell({
  id,
  field,
  label,
  value,
  issues,
  onChange,
}: {
  id: string;
  field: string;
  label: string;
  value: string;
  issues: RowIssue[];
  onChange: (value: string) => void;
}) {
  const errorId = `${id}-error`;
  return (
    <TableCell className="min-w-36 align-top">
      <Input
        value={value}
        data-field={field}
        aria-label={label}
        aria-invalid={issues.length > 0 || undefined}
        aria-describedby={issues.length > 0 ? errorId : undefined}
        onChange={(e) => onChange(e.target.value)}
        className={cn('h-8', issues.length > 0 && 'border-destructive')}
      />
      {issues.length > 0 && (
        <p id={errorId} className="mt-1 whitespace-normal text-destructive text-xs">
          {issues.map((i) => i.message).join(' ')}
        </p>
      )}
    </TableCell>
  );
}

export function CsvRowsTable({
  table,
  checks,
  onCell,
  onMetadata,
}: {
  table: CatalogTable;
  checks: RowCheck[];
  onCell: (row: number, field: CatalogField, value: string) => void;
  onMetadata: (row: number, key: string, value: string) => void;
}) {
  const base = useId();
  const columns: Column[] = [
    ...CATALOG_COLUMNS[table.kind].map((field) => ({
      kind: 'field' as const,
      field,
      label: FIELD_LABEL[field],
    })),
    ...table.metadataKeys.map((key) => ({ kind: 'meta' as const, key, label: `meta.${key}` })),
  ];
  return (
    <Table aria-label={`Rows to import as ${table.kind}`}>
      <TableHeader>
        <TableRow>
          <TableHead scope="col">Line</TableHead>
          {columns.map((c) => (
            <TableHead key={c.label} scope="col">
              {c.label}
            </TableHead>
          ))}
          <TableHead scope="col">Check</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {table.rows.map((row, i) => {
          const line = table.lines[i] ?? i + 2;
          const issues = checks[i]?.issues ?? [];
          const rowIssues = issues.filter((x) => x.field === 'row');
          return (
            <TableRow key={line} data-line={line}>
              <TableHead scope="row" className="align-top font-normal tabular-nums">
                {line}
              </TableHead>
              {columns.map((c) => {
                const field = c.kind === 'field' ? c.field : (`metadata.${c.key}` as const);
                return (
                  <Cell
                    key={c.label}
                    id={`${base}-${line}-${c.label}`}
                    field={field}
                    label={`${c.label}, line ${line}`}
                    value={c.kind === 'field' ? row[c.field] : (row.metadata[c.key] ?? '')}
                    issues={issues.filter((x) => x.field === field)}
                    onChange={(v) => (c.kind === 'field' ? onCell(i, c.field, v) : onMetadata(i, c.key, v))}
                  />
                );
              })}
              <TableCell className="align-top">
                {issues.length === 0 ? (
                  <span className="inline-flex items-center gap-1 text-success">
                    <CheckIcon aria-hidden="true" className="size-4" /> Ready
                  </span>
                ) : (
                  <span className="whitespace-normal text-destructive">
                    {count(issues.length, 'problem')}
                    {rowIssues.length > 0 && `: ${rowIssues.map((x) => x.message).join(' ')}`}
                  </span>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
