/**
 * What can be done to a release, by status (FR-002 lifecycle draft -> active -> archived, LC-04):
 * edit (not archived), activate (draft), add customers (active), the printable report and clone (any),
 * archive / un-archive.
 */
import { cloneRelease, type Release, unarchiveRelease } from '@runsheet/domain';
import { Link, useNavigate } from '@tanstack/react-router';
import { ArchiveRestore, Copy, Pencil, Play, UserPlus } from 'lucide-react';
import { useState } from 'react';
import { ReleaseReportLink } from '@/components/data-io/release-exports';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/use-toast';
import { useTemplates } from '@/data';
import { stepCount } from '@/lib/count';
import { useWorkspace } from '@/state/workspace-context';
import { ActivateReleaseDialog } from './activate-release-dialog';
import { AddCustomersDialog } from './add-customers-dialog';
import { ArchiveReleaseDialog } from './archive-release-dialog';

type Open = 'activate' | 'add' | 'archive' | null;

export function ReleaseActions({ release }: { release: Release }) {
  const { run, local } = useWorkspace();
  const navigate = useNavigate();
  const templates = useTemplates(release.id);
  const templateCount = templates ? templates.deploy.length + templates.verify.length : 0;
  const [open, setOpen] = useState<Open>(null);
  const dialog = (which: Exclude<Open, null>) => ({
    open: open === which,
    onOpenChange: (next: boolean) => setOpen(next ? which : null),
  });

  const failed = (title: string, message: string) =>
    toast({ variant: 'destructive', title, description: message });

  const clone = async () => {
    const result = await run(cloneRelease, { releaseId: release.id });
    if (!result.ok) return failed('Could not clone', result.error.message);
    // The new release must be in the projection before its page reads it.
    await local.flush();
    toast({
      title: `Cloned ${release.name}`,
      description: `A new draft with ${stepCount(result.value.templateCount)}.`,
    });
    await navigate({ to: '/releases/$releaseId', params: { releaseId: result.value.releaseId } });
  };

  const unarchive = async () => {
    const result = await run(unarchiveRelease, { releaseId: release.id });
    if (!result.ok) return failed('Could not un-archive', result.error.message);
    toast({ title: `Un-archived ${release.name}`, description: `It is ${result.value.status} again.` });
  };

  return (
    <div className="flex flex-wrap gap-2">
      {release.status !== 'archived' && (
        <Button asChild variant="outline">
          <Link to="/releases/$releaseId/edit" params={{ releaseId: release.id }}>
            <Pencil aria-hidden="true" />
            Edit
          </Link>
        </Button>
      )}
      {release.status === 'draft' && (
        <Button onClick={() => setOpen('activate')}>
          <Play aria-hidden="true" />
          Activate
        </Button>
      )}
      {release.status === 'active' && (
        <Button onClick={() => setOpen('add')}>
          <UserPlus aria-hidden="true" />
          Add customers
        </Button>
      )}
      <ReleaseReportLink releaseId={release.id} size="default" />
      <Button variant="outline" onClick={() => void clone()}>
        <Copy aria-hidden="true" />
        Clone
      </Button>
      {release.status === 'archived' ? (
        <Button variant="outline" onClick={() => void unarchive()}>
          <ArchiveRestore aria-hidden="true" />
          Un-archive
        </Button>
      ) : (
        <Button variant="outline" onClick={() => setOpen('archive')}>
          Archive
        </Button>
      )}
      {release.status === 'draft' && (
        <ActivateReleaseDialog release={release} templateCount={templateCount} {...dialog('activate')} />
      )}
      {release.status === 'active' && <AddCustomersDialog release={release} {...dialog('add')} />}
      {release.status !== 'archived' && <ArchiveReleaseDialog release={release} {...dialog('archive')} />}
    </div>
  );
}
