/**
 * Entry points to a release's data for other screens to mount (release header, matrix toolbar): the
 * printable report, and the matrix as CSV. They read the live domain state, so what they export is what
 * this device has now.
 */
import { type ReleaseId, releaseMatrixCsv, slugFileName } from '@runsheet/domain';
import { Link } from '@tanstack/react-router';
import { FileTextIcon, SheetIcon } from 'lucide-react';
import { Button, type ButtonProps } from '@/components/ui/button';
import { useReleaseView } from '@/data';
import { useWorkspace } from '@/state/workspace-context';
import { downloadText, localDate } from './download.ts';

type Look = Pick<ButtonProps, 'variant' | 'size'>;

export function ReleaseReportLink({
  releaseId,
  variant = 'outline',
  size = 'sm',
}: { releaseId: ReleaseId } & Look) {
  return (
    <Button asChild variant={variant} size={size}>
      <Link to="/releases/$releaseId/report" params={{ releaseId }}>
        <FileTextIcon aria-hidden="true" /> Report
      </Link>
    </Button>
  );
}

export function MatrixCsvButton({
  releaseId,
  variant = 'outline',
  size = 'sm',
}: { releaseId: ReleaseId } & Look) {
  const { local } = useWorkspace();
  const view = useReleaseView(releaseId);
  async function download() {
    // An archived release read whole from its snapshot exports from it (FZ-02); otherwise the document.
    let state =
      view.status === 'ready' && view.source === 'frozen' && view.history === 'ready' ? view.state : null;
    if (!state) {
      await local.openRelease(releaseId);
      state = local.state;
    }
    const name = state.catalog.releases[releaseId]?.name ?? 'release';
    downloadText(
      slugFileName(name, 'matrix', localDate(), 'csv'),
      releaseMatrixCsv(state, releaseId),
      'text/csv',
    );
  }
  return (
    <Button variant={variant} size={size} onClick={() => void download()}>
      <SheetIcon aria-hidden="true" /> Download matrix (CSV)
    </Button>
  );
}
