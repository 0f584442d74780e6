/**
 * An editable list of key/value rows (a cluster's region and API endpoint, a customer's tier, ...). Each
 * input has its own label; a row's error sits under it and is linked to its key input.
 */
import { Plus, X } from 'lucide-react';
import { useId, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { type MetadataRow, newRowId } from './metadata-rows';

export interface MetadataFieldsProps {
  rows: MetadataRow[];
  onChange: (rows: MetadataRow[]) => void;
  /** row id -> message */
  errors: Record<string, string>;
  /** What the keys become in step content, e.g. `cluster` for {{cluster.region}}. */
  scope: 'cluster' | 'customer';
  keyPlaceholder?: string;
  valuePlaceholder?: string;
}

export function MetadataFields({
  rows,
  onChange,
  errors,
  scope,
  keyPlaceholder = 'region',
  valuePlaceholder = 'eu-west-1',
}: MetadataFieldsProps) {
  const id = useId();
  // Keyboard users land in the row they just added, and back on "Add" after removing one.
  const focusRow = useRef<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const update = (rowId: string, patch: Partial<MetadataRow>) =>
    onChange(rows.map((r) => (r.id === rowId ? { ...r, ...patch } : r)));

  return (
    <fieldset className="grid gap-3" aria-describedby={`${id}-hint`}>
      <legend className="font-medium text-sm">Metadata</legend>
      <p id={`${id}-hint`} className="-mt-2 text-muted-foreground text-xs">
        Key/value pairs such as region or API endpoint. Steps can use them as{' '}
        <code className="font-mono">{`{{${scope}.${keyPlaceholder}}}`}</code>.
      </p>
      {rows.length > 0 && (
        <ul className="grid gap-3">
          {rows.map((row, index) => {
            const n = index + 1;
            const error = errors[row.id];
            const errorId = `${id}-${row.id}-error`;
            return (
              <li key={row.id} className="grid gap-1" data-testid="metadata-row">
                <div className="grid grid-cols-[minmax(0,1fr)_minmax(0,2fr)_auto] items-center gap-2">
                  <Label htmlFor={`${id}-${row.id}-key`} className="sr-only">
                    Key {n}
                  </Label>
                  <Input
                    id={`${id}-${row.id}-key`}
                    value={row.key}
                    placeholder={keyPlaceholder}
                    autoComplete="off"
                    spellCheck={false}
                    className="font-mono"
                    ref={(el) => {
                      if (el && focusRow.current === row.id) {
                        focusRow.current = null;
                        el.focus();
                      }
                    }}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? errorId : undefined}
                    onChange={(e) => update(row.id, { key: e.target.value })}
                  />
                  <Label htmlFor={`${id}-${row.id}-value`} className="sr-only">
                    Value {n}
                  </Label>
                  <Input
                    id={`${id}-${row.id}-value`}
                    value={row.value}
                    placeholder={valuePlaceholder}
                    autoComplete="off"
                    onChange={(e) => update(row.id, { value: e.target.value })}
                  />
                  <Button
                    variant="ghost"
                    size="icon"
                    aria-label={`Remove row ${n}${row.key ? ` (${row.key})` : ''}`}
                    onClick={() => {
                      onChange(rows.filter((r) => r.id !== row.id));
                      addButton.current?.focus();
                    }}
                  >
                    <X aria-hidden="true" />
                  </Button>
                </div>
                {error && (
                  <p id={errorId} role="alert" className="text-destructive text-sm">
                    {error}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <div>
        <Button
          ref={addButton}
          variant="outline"
          size="sm"
          onClick={() => {
            const row = { id: newRowId(), key: '', value: '' };
            focusRow.current = row.id;
            onChange([...rows, row]);
          }}
        >
          <Plus aria-hidden="true" />
          Add metadata
        </Button>
      </div>
    </fieldset>
  );
}
