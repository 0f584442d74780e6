/**
 * Metadata (region, API endpoint, ...) as the editable rows a form shows, and back. The domain checks
 * the keys (VA-05) and names a refused key as the field `metadata.<key>`; `rowForField` finds the row
 * to show that reason beside. Two rows with one key are caught here, because a plain object cannot
 * carry both to the command.
 */
import type { Metadata } from '@runsheet/domain';

/** A type alias, not an interface: drafts need the implicit index signature (DraftValue). */
export type MetadataRow = { id: string; key: string; value: string };

let counter = 0;
/** Row ids only key the React list and the error map; they never leave the form. */
export function newRowId(): string {
  counter += 1;
  return `row-${Date.now().toString(36)}-${counter}`;
}

export function rowsFromMetadata(metadata: Metadata): MetadataRow[] {
  return Object.entries(metadata)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => ({ id: newRowId(), key, value }));
}

const blank = (row: MetadataRow) => row.key.trim() === '' && row.value.trim() === '';

export type RowsResult =
  | { ok: true; value: Metadata }
  | { ok: false; rowId: string; message: string; field: string };

export const DUPLICATE_KEY = 'This key is already used in another row.';

/** The metadata the rows describe; empty rows are ignored, a repeated key is refused on its second row. */
export function metadataFromRows(rows: readonly MetadataRow[]): RowsResult {
  const value: Metadata = {};
  const seen = new Set<string>();
  for (const row of rows) {
    if (blank(row)) continue;
    const key = row.key.trim();
    if (seen.has(key)) return { ok: false, rowId: row.id, message: DUPLICATE_KEY, field: `metadata.${key}` };
    seen.add(key);
    value[row.key] = row.value;
  }
  return { ok: true, value };
}

/** The row a domain error's field (`metadata.<key as typed>` or `metadata.<trimmed key>`) points at. */
export function rowForField(rows: readonly MetadataRow[], field: string | undefined): MetadataRow | null {
  if (!field?.startsWith('metadata.')) return null;
  const key = field.slice('metadata.'.length);
  return rows.find((r) => !blank(r) && (r.key === key || r.key.trim() === key)) ?? null;
}

/** Whether two row lists describe the same metadata (row ids and empty rows aside). */
export function sameRows(a: readonly MetadataRow[], b: readonly MetadataRow[]): boolean {
  const strip = (rows: readonly MetadataRow[]) =>
    rows.filter((r) => !blank(r)).map((r) => [r.key, r.value] as const);
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}
