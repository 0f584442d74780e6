/**
 * Halt and resume (WV-08): anyone who may edit stops the rollout with a reason, and every wave not
 * complete locks; resuming needs a reason too. While halted, "Halted by X: reason" is said here, in the
 * release header and on the dashboard.
 */
import { haltRollout, type Release, type RolloutStatus, resumeRollout } from '@runsheet/domain';
import { OctagonPause, Play } from 'lucide-react';
import { ReasonForm } from '@/components/form/reason-form';
import { Button } from '@/components/ui/button';
import { formatWhen } from '@/lib/format-when';
import { useWorkspace } from '@/state/workspace-context';
import { haltText } from './rollout-text';

export function HaltControls({
  release,
  rollout,
  canEdit,
  notify,
  open,
  setOpen,
}: {
  release: Release;
  rollout: RolloutStatus;
  canEdit: boolean;
  notify: (message: string) => void;
  /** The reason form is open (the palette's halt and resume open it too). */
  open: boolean;
  setOpen: (open: boolean) => void;
}) {
  const { run } = useWorkspace();
  const releaseId = release.id;
  const halted = rollout.halted;
  const may = canEdit && release.status === 'active';

  return (
    <div className="grid gap-3">
      {halted && (
        <p
          className="rounded-md border border-warning bg-warning/15 p-3 text-sm"
          data-testid="rollout-halted"
        >
          <strong>{haltText(halted)}</strong>{' '}
          <span className="text-muted-foreground">({formatWhen(halted.at)})</span>
        </p>
      )}
      {may && !open && (
        <div>
          {halted ? (
            <Button variant="outline" onClick={() => setOpen(true)}>
              <Play aria-hidden="true" />
              Resume rollout…
            </Button>
          ) : (
            <Button variant="destructive" onClick={() => setOpen(true)}>
              <OctagonPause aria-hidden="true" />
              Halt rollout…
            </Button>
          )}
        </div>
      )}
      {may && open && (
        <ReasonForm
          label={halted ? 'Why resume the rollout?' : 'Why halt the rollout?'}
          submitLabel={halted ? 'Resume rollout' : 'Halt rollout'}
          required
          destructive={!halted}
          hint={halted ? undefined : 'Every wave that is not complete locks until the rollout is resumed.'}
          draftKey={`rollout-${halted ? 'resume' : 'halt'}:${releaseId}`}
          onCancel={() => setOpen(false)}
          onSubmit={async (reason) => {
            const command = halted ? resumeRollout : haltRollout;
            const result = await run(command, { releaseId, reason });
            if (!result.ok) return result.error;
            setOpen(false);
            notify(halted ? 'Rollout resumed.' : 'Rollout halted.');
            return null;
          }}
        />
      )}
    </div>
  );
}
