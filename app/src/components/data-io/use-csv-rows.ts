/**
 * The rows of a CSV import as editable state: read from pasted or loaded text, edited cell by cell, checked
 * live against the workspace (and the rows above) on every edit and every change of the workspace, and
 * imported in one command: the valid rows go, the others stay to be fixed (IO-11).
 */
import {
  type CatalogField,
  type CatalogRow,
  type CatalogRowKind,
  type CatalogTable,
  catalogTable,
  checkCatalogRows,
  importCatalogRows,
  parseCsv,
  type RowCheck,
} from '@runsheet/domain';
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { useStoredRun } from '@/components/saving/use-saving';
import { useCatalogState } from '@/data';
import { agree, count } from '@/lib/count';

export interface CsvRowsState {
  table: CatalogTable | null;
  parseError: string | null;
  checks: RowCheck[];
  readyCount: number;
  read(text: string, kind?: CatalogRowKind): void;
  setCell(row: number, field: CatalogField, value: string): void;
  setMetadata(row: number, key: string, value: string): void;
  /** Imports the ready rows; `next` is the first problem left (its line and column), for focus. */
  importReady(): Promise<{ imported: number; message: string; next: { line: number; field: string } | null }>;
  clear(): void;
}

export function useCsvRows(): CsvRowsState {
  const runStored = useStoredRun();
  const { state, version } = useCatalogState();
  const [table, setTable] = useState<CatalogTable | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);
  // Checking runs every command once per row; deferring it keeps typing in a cell smooth on big tables.
  const deferred = useDeferredValue(table);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is how a change of the workspace reaches the check.
  const checks = useMemo(
    () => (deferred && state ? checkCatalogRows(state, deferred.kind, deferred.rows) : []),
    [deferred, state, version],
  );
  const readyCount = checks.filter((c) => c.issues.length === 0).length;

  const read = useCallback((text: string, kind?: CatalogRowKind) => {
    const parsed = parseCsv(text);
    if (!parsed.ok) {
      setParseError(`Line ${parsed.line}: ${parsed.message}.`);
      setTable(null);
      return;
    }
    setParseError(parsed.rows.length < 2 ? 'There is nothing below the header row.' : null);
    setTable(parsed.rows.length < 2 ? null : catalogTable(parsed.rows, kind));
  }, []);

  const update = useCallback((row: number, change: (r: CatalogRow) => CatalogRow) => {
    setTable((t) => (t ? { ...t, rows: t.rows.map((r, i) => (i === row ? change(r) : r)) } : t));
  }, []);

  const setCell = useCallback(
    (row: number, field: CatalogField, value: string) => update(row, (r) => ({ ...r, [field]: value })),
    [update],
  );

  const setMetadata = useCallback(
    (row: number, key: string, value: string) =>
      update(row, (r) => {
        const metadata = { ...r.metadata };
        if (value === '') delete metadata[key];
        else metadata[key] = value;
        return { ...r, metadata };
      }),
    [update],
  );

  const importReady = useCallback(async () => {
    if (!table || !state) return { imported: 0, message: '', next: null };
    // Checked again on the current state: what the preview showed may be stale by a keystroke.
    const current = checkCatalogRows(state, table.kind, table.rows);
    const ready = table.rows.filter((_, i) => current[i]?.issues.length === 0);
    if (ready.length === 0) return { imported: 0, message: 'No row is ready to import.', next: null };
    // Reported imported only once stored (IO-18).
    const label = `Importing ${ready.length} ${table.kind}`;
    const result = await runStored(label, importCatalogRows, { kind: table.kind, rows: ready });
    if (!result.ok) return { imported: 0, message: result.error.message, next: null };
    const keep = (i: number) => (current[i]?.issues.length ?? 1) > 0;
    setTable({
      ...table,
      rows: table.rows.filter((_, i) => keep(i)),
      lines: table.lines.filter((_, i) => keep(i)),
    });
    const firstLeft = current.findIndex((c) => c.issues.length > 0);
    const issue = current[firstLeft]?.issues[0];
    const next =
      issue && firstLeft >= 0 ? { line: table.lines[firstLeft] ?? firstLeft + 2, field: issue.field } : null;
    const what = table.kind === 'clusters' ? 'cluster' : 'customer';
    const left = table.rows.length - ready.length;
    return {
      next,
      imported: ready.length,
      message: `Imported ${count(ready.length, what)}.${
        left > 0 ? ` ${count(left, 'row')} with problems ${agree(left, 'stays', 'stay')} below to fix.` : ''
      }`,
    };
  }, [runStored, state, table]);

  const clear = useCallback(() => {
    setTable(null);
    setParseError(null);
  }, []);

  return { table, parseError, checks, readyCount, read, setCell, setMetadata, importReady, clear };
}
