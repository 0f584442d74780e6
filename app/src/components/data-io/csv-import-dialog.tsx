/**
 * Clusters or customers from CSV: paste or choose a file, see every row checked, fix cells in place,
 * import the rows that are ready. One command for the batch (importCatalogRows), so it never
 * half-applies; rows with problems stay in the table.
 */
import type { CatalogRowKind } from '@runsheet/domain';
import { type ChangeEvent, useEffect, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import { count } from '@/lib/count';
import { CsvRowsTable, FIELD_LABEL } from './csv-rows-table.tsx';
import { useCsvRows } from './use-csv-rows.ts';

const EXAMPLE = 'cluster,namespace,name,description,meta.tier\nprod-eu,acme-prod,Acme,,gold';

export function CsvImportDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const rows = useCsvRows();
  const [text, setText] = useState('');
  const [kind, setKind] = useState<CatalogRowKind | 'auto'>('auto');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const ids = { text: useId(), file: useId(), kind: useId() };
  const content = useRef<HTMLDivElement>(null);
  const [focusNext, setFocusNext] = useState<{ line: number; field: string } | 'close' | null>(null);

  useEffect(() => {
    if (focusNext === null) return;
    const target =
      focusNext === 'close'
        ? closeButton.current
        : content.current?.querySelector<HTMLElement>(
            `tr[data-line="${focusNext.line}"] [data-field="${CSS.escape(focusNext.field)}"]`,
          );
    (target ?? closeButton.current)?.focus();
    setFocusNext(null);
  }, [focusNext]);
  const closeButton = useRef<HTMLButtonElement>(null);

  function read(source = text, k = kind) {
    setStatus('');
    rows.read(source, k === 'auto' ? undefined : k);
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const content = await file.text();
    setText(content);
    read(content);
  }

  async function importReady() {
    setBusy(true);
    const result = await rows.importReady();
    setBusy(false);
    setStatus(result.message);
    // The import button is now disabled: focus moves to the next thing to do, the first cell still to
    // fix, or Close when nothing is left (after the table re-rendered without the imported rows).
    setFocusNext(result.next ?? 'close');
  }

  function close(next: boolean) {
    if (busy) return;
    if (!next) {
      rows.clear();
      setText('');
      setStatus('');
    }
    onOpenChange(next);
  }

  const table = rows.table;
  const problemRows = table ? table.rows.length - rows.readyCount : 0;

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent ref={content} className="sm:max-w-5xl">
        <DialogHeader>
          <DialogTitle>Import clusters or customers from CSV</DialogTitle>
          <DialogDescription>
            The first row names the columns. Customers: cluster, namespace, name, description; clusters: name,
            kubeconfig_path, description. Columns named meta.&lt;key&gt; become metadata.
          </DialogDescription>
        </DialogHeader>

        <div className="grid gap-3 md:grid-cols-[2fr_1fr]">
          <div className="grid gap-1.5">
            <Label htmlFor={ids.text}>Paste CSV</Label>
            <Textarea
              id={ids.text}
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder={EXAMPLE}
              rows={5}
              className="font-mono text-xs"
              spellCheck={false}
            />
          </div>
          <div className="grid content-start gap-3">
            <div className="grid gap-1.5">
              <Label htmlFor={ids.file}>Or choose a CSV file</Label>
              <Input
                id={ids.file}
                type="file"
                accept=".csv,.tsv,.txt,text/csv"
                onChange={(e) => void onFile(e)}
              />
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor={ids.kind}>Import as</Label>
              <select
                id={ids.kind}
                value={kind}
                onChange={(e) => {
                  const k = e.target.value as CatalogRowKind | 'auto';
                  setKind(k);
                  if (text.trim() !== '') read(text, k);
                }}
                className="h-9 rounded-md border border-input bg-background px-3 text-sm outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50"
              >
                <option value="auto">Decide from the header</option>
                <option value="customers">Customers</option>
                <option value="clusters">Clusters</option>
              </select>
            </div>
            <Button variant="outline" onClick={() => read()} disabled={text.trim() === ''}>
              Check rows
            </Button>
          </div>
        </div>

        <div aria-live="polite" className="grid gap-2">
          {rows.parseError && (
            <p role="alert" className="text-destructive text-sm">
              This CSV cannot be read. {rows.parseError}
            </p>
          )}
          {table && table.missingColumns.length > 0 && (
            <p className="text-sm">
              The header has no column for{' '}
              {table.missingColumns.map((f) => FIELD_LABEL[f].toLowerCase()).join(', ')}: fill it in below.
            </p>
          )}
          {table && table.ignoredColumns.length > 0 && (
            <p className="text-muted-foreground text-sm">
              Columns left out: {table.ignoredColumns.join(', ')}.
            </p>
          )}
          {table && (
            <p className="text-sm" data-testid="csv-summary">
              {table.rows.length === 0
                ? 'No rows left.'
                : `${rows.readyCount} of ${table.rows.length} ${table.kind} ready${
                    problemRows > 0 ? `; ${problemRows} with problems (fix them in the table)` : ''
                  }.`}
            </p>
          )}
          <p role="status" className="font-medium text-sm">
            {status}
          </p>
        </div>

        {table && table.rows.length > 0 && (
          <div className="max-h-[45dvh] overflow-auto rounded-md border">
            <CsvRowsTable
              table={table}
              checks={rows.checks}
              onCell={rows.setCell}
              onMetadata={rows.setMetadata}
            />
          </div>
        )}

        <DialogFooter>
          <Button ref={closeButton} variant="outline" onClick={() => close(false)} disabled={busy}>
            Close
          </Button>
          <Button onClick={() => void importReady()} disabled={busy || !table || rows.readyCount === 0}>
            {`Import ${count(rows.readyCount, 'ready row')}`}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
