/**
 * One-click backup of the whole workspace, and restore/import of such a file. The backup is the export
 * format of docs/EXPORT-FORMAT.md: the data outlives this browser and any server.
 */
import { DatabaseBackupIcon } from 'lucide-react';
import { useState } from 'react';
import { downloadText } from '@/components/data-io/download';
import { ImportDialog } from '@/components/data-io/import-dialog';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { backupWorkspace } from '@/data/workspace-backup';
import { useWorkspace } from '@/state/workspace-context';

export function BackupCard() {
  const { local } = useWorkspace();
  const [importing, setImporting] = useState(false);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  async function backup() {
    setBusy(true);
    try {
      const { fileName, text } = await backupWorkspace(local);
      downloadText(fileName, text, 'application/json');
      setStatus(`Backup saved as ${fileName}.`);
    } catch (error) {
      setStatus(`The backup failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h3 className="flex items-center gap-2">
            <DatabaseBackupIcon aria-hidden="true" className="size-4" />
            Backup and restore
          </h3>
        </CardTitle>
        <CardDescription>
          Everything in this workspace (clusters, customers, releases, steps and their history) as one file.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <div className="flex flex-wrap gap-2">
          <Button onClick={() => void backup()} disabled={busy}>
            Download backup
          </Button>
          <Button variant="outline" onClick={() => setImporting(true)}>
            Restore or import…
          </Button>
        </div>
        <p role="status" className="text-sm">
          {status}
        </p>
      </CardContent>
      <ImportDialog open={importing} onOpenChange={setImporting} />
    </Card>
  );
}
