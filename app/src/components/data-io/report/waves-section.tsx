/** The report's waves on the page (waves.ts has the data and the Markdown twin). */
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { type ReportRollout, WAVE_COLUMNS } from './waves.ts';

export function WavesSection({ rollout }: { rollout: ReportRollout }) {
  if (rollout.waves.length === 0 && !rollout.halt) return null;
  return (
    <section aria-labelledby="report-waves" className="grid gap-4 break-inside-avoid">
      <h2 id="report-waves" className="font-semibold text-xl">
        Waves
      </h2>
      {rollout.halt && <p className="font-medium">{rollout.halt}</p>}
      {rollout.waves.length > 0 && (
        <Table aria-label="Waves" data-testid="report-waves">
          <TableHeader>
            <TableRow>
              {WAVE_COLUMNS.map((c) => (
                <TableHead key={c} scope="col">
                  {c}
                </TableHead>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rollout.waves.map((w) => (
              <TableRow key={w.name}>
                <TableHead scope="row" className="font-normal">
                  {w.name}
                </TableHead>
                <TableCell>{w.customers}</TableCell>
                <TableCell>{w.progress}</TableCell>
                <TableCell>{w.opened}</TableCell>
                <TableCell>{w.completed}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
