/**
 * Clusters and customers as spreadsheets: import from CSV (with a preview to fix rows in place) and the
 * lists as CSV in the same columns, so a list can be edited elsewhere and brought back.
 */
import { clusterListCsv, customerListCsv } from '@runsheet/domain';
import { SheetIcon } from 'lucide-react';
import { useState } from 'react';
import { CsvImportDialog } from '@/components/data-io/csv-import-dialog';
import { downloadText, localDate } from '@/components/data-io/download';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { useWorkspace } from '@/state/workspace-context';

export function CsvCard() {
  const { local } = useWorkspace();
  const [importing, setImporting] = useState(false);

  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h3 className="flex items-center gap-2">
            <SheetIcon aria-hidden="true" className="size-4" />
            Clusters and customers as CSV
          </h3>
        </CardTitle>
        <CardDescription>
          Bring in many clusters or customers at once, or take the lists to a spreadsheet. Cells that a
          spreadsheet would run as formulas are written as text.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap gap-2">
        <Button onClick={() => setImporting(true)}>Import from CSV…</Button>
        <Button
          variant="outline"
          onClick={() =>
            downloadText(
              `runsheet-customers-${localDate()}.csv`,
              customerListCsv(local.state.catalog),
              'text/csv',
            )
          }
        >
          Export customers (CSV)
        </Button>
        <Button
          variant="outline"
          onClick={() =>
            downloadText(
              `runsheet-clusters-${localDate()}.csv`,
              clusterListCsv(local.state.catalog),
              'text/csv',
            )
          }
        >
          Export clusters (CSV)
        </Button>
      </CardContent>
      <CsvImportDialog open={importing} onOpenChange={setImporting} />
    </Card>
  );
}
