/**
 * The rollout as a timeline (WV-04..WV-09): each wave in order with its progress, when it opened and
 * completed, its gate's conditions and which are met, the soak time left, who signed off and when, and
 * what can be done to it here (sign off, open early, change, remove).
 */
import {
  deleteWave,
  type GateRecord,
  openGateEarly,
  type Release,
  type RolloutStatus,
  signOffGate,
  type WaveStatus,
} from '@runsheet/domain';
import { CircleCheck, CircleDashed } from 'lucide-react';
import { type ReactNode, useEffect, useState } from 'react';
import { ReasonForm } from '@/components/form/reason-form';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { customerCount } from '@/lib/count';
import { formatWhen } from '@/lib/format-when';
import { useWorkspace } from '@/state/workspace-context';
import { conditionLabel, soakLeftText, waitingText } from './rollout-text';
import type { RolloutRights } from './use-rollout-role';
import { WaveProgress } from './wave-progress';

type Form = 'sign-off' | 'open-early' | null;

export function waveStateLabel(w: WaveStatus): {
  text: string;
  variant: 'success' | 'default' | 'secondary' | 'warning';
} {
  if (w.complete) return { text: 'Complete', variant: 'success' };
  if (w.lock === 'rollout-halted') return { text: 'Halted', variant: 'warning' };
  if (w.open) return { text: 'Open', variant: 'default' };
  return { text: 'Closed', variant: 'secondary' };
}

export interface WaveTimelineProps {
  release: Release;
  rollout: RolloutStatus;
  now: string;
  rights: RolloutRights;
  /** Shows the change form of a wave (the planner owns it). */
  renderEdit: (w: WaveStatus, close: () => void) => ReactNode;
  notify: (message: string) => void;
  /** A wave whose sign-off form the palette asked for, with a counter so asking again reopens it. */
  signOffRequest: { waveId: string; n: number } | null;
}

export function WaveTimeline({
  release,
  rollout,
  now,
  rights,
  renderEdit,
  notify,
  signOffRequest,
}: WaveTimelineProps) {
  return (
    <ol className="grid gap-4" aria-label="Waves" data-testid="wave-timeline">
      {rollout.waves.map((w) => (
        <WaveItem
          key={w.wave.id}
          release={release}
          rollout={rollout}
          w={w}
          now={now}
          rights={rights}
          renderEdit={renderEdit}
          notify={notify}
          signOffRequest={signOffRequest}
        />
      ))}
    </ol>
  );
}

function WaveItem({
  release,
  rollout,
  w,
  now,
  rights,
  renderEdit,
  notify,
  signOffRequest,
}: Omit<WaveTimelineProps, 'rollout'> & { rollout: RolloutStatus; w: WaveStatus }) {
  const { run } = useWorkspace();
  const [form, setForm] = useState<Form>(null);
  const requested = signOffRequest?.waveId === w.wave.id ? signOffRequest.n : 0;
  useEffect(() => {
    if (requested > 0) setForm('sign-off');
  }, [requested]);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const releaseId = release.id;
  const state = waveStateLabel(w);
  const headingId = `wave-${w.wave.id}`;
  const active = release.status === 'active';
  const gate = w.gate;
  const canSignOff = active && rights.signOff && gate?.readyForSignOff === true;
  const canOpenEarly = active && rights.openEarly && w.index > 0 && !w.open && rollout.halted === null;
  const canPlan = rights.edit && release.status !== 'archived';

  const remove = async () => {
    const result = await run(deleteWave, { releaseId, waveId: w.wave.id });
    if (!result.ok) setError(result.error.message);
    else notify(`Removed ${w.wave.name}.`);
  };

  return (
    <li
      aria-labelledby={headingId}
      data-testid="wave"
      data-wave={w.wave.name}
      className="grid gap-3 rounded-lg border bg-card p-4"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={headingId} className="flex items-center gap-2 font-semibold">
          <span>
            {w.index + 1}. {w.wave.name}
          </span>
          <Badge variant={state.variant} data-testid="wave-state">
            {state.text}
          </Badge>
        </h3>
        <span className="text-muted-foreground text-sm">{customerCount(w.customerIds.length)}</span>
      </div>
      <WaveProgress completion={w.completion} label={`Progress of ${w.wave.name}`} />
      <p className="text-sm">
        {w.openedAt ? `Opened ${formatWhen(w.openedAt)}` : 'Not open yet'}
        {w.openedBy === 'early' && ' (early)'}
        {w.completedAt && ` · completed ${formatWhen(w.completedAt)}`}
      </p>
      {gate && (
        <div className="grid gap-2">
          <h4 className="font-medium text-sm">Gate</h4>
          {gate.conditions.length === 0 ? (
            <p className="text-muted-foreground text-sm">No conditions: opens with the wave before it.</p>
          ) : (
            <ul className="grid gap-1 text-sm" aria-label={`Gate of ${w.wave.name}`}>
              {gate.conditions.map((c) => (
                <li key={c.kind} className="flex items-center gap-2" data-testid="gate-condition">
                  {c.met ? (
                    <CircleCheck className="size-4 text-success" aria-hidden="true" />
                  ) : (
                    <CircleDashed className="size-4 text-muted-foreground" aria-hidden="true" />
                  )}
                  <span>{conditionLabel(c.kind, w.wave)}</span>
                  <span className="text-muted-foreground">
                    {c.met ? '— met' : '— not met'}
                    {c.kind === 'soak' && c.at && !c.met && ` (${soakLeftText(c.at, now)})`}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {!w.open && gate.waitingFor.length > 0 && (
            <p className="text-sm" data-testid="gate-waiting">
              Waits for {waitingText(gate.waitingFor)}.
            </p>
          )}
          {gate.openedEarly && (
            <Record
              record={gate.openedEarly}
              text={(r) => `Opened early by ${r.byName}, ${formatWhen(r.at)}: ${r.text ?? ''}`}
            />
          )}
          {gate.signOffs.map((s) => (
            <Record
              key={s.eventId}
              record={s}
              text={(r) => `Signed off by ${r.byName}, ${formatWhen(r.at)}${r.text ? `: ${r.text}` : ''}`}
            />
          ))}
        </div>
      )}
      {(canSignOff || canOpenEarly || canPlan) && form === null && !editing && (
        <div className="flex flex-wrap gap-2">
          {canSignOff && (
            <Button size="sm" onClick={() => setForm('sign-off')}>
              Sign off {w.wave.name}…
            </Button>
          )}
          {canOpenEarly && (
            <Button size="sm" variant="outline" onClick={() => setForm('open-early')}>
              Open {w.wave.name} early…
            </Button>
          )}
          {canPlan && (
            <>
              <Button size="sm" variant="outline" onClick={() => setEditing(true)}>
                Change {w.wave.name}…
              </Button>
              <Button size="sm" variant="ghost" onClick={() => void remove()}>
                Remove {w.wave.name}
              </Button>
            </>
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="text-destructive text-sm">
          {error}
        </p>
      )}
      {form === 'sign-off' && (
        <ReasonForm
          label={`Sign-off note for ${w.wave.name} (optional)`}
          submitLabel="Sign off"
          draftKey={`gate-sign-off:${w.wave.id}`}
          onCancel={() => setForm(null)}
          onSubmit={async (note) => {
            const result = await run(signOffGate, { releaseId, waveId: w.wave.id, note });
            if (!result.ok) return result.error;
            setForm(null);
            notify(`Signed off ${w.wave.name}: it is open.`);
            return null;
          }}
        />
      )}
      {form === 'open-early' && (
        <ReasonForm
          label={`Why open ${w.wave.name} early?`}
          submitLabel="Open early"
          required
          destructive
          draftKey={`gate-open-early:${w.wave.id}`}
          onCancel={() => setForm(null)}
          onSubmit={async (reason) => {
            const result = await run(openGateEarly, { releaseId, waveId: w.wave.id, reason });
            if (!result.ok) return result.error;
            setForm(null);
            notify(`${w.wave.name} opened early.`);
            return null;
          }}
        />
      )}
      {editing && renderEdit(w, () => setEditing(false))}
    </li>
  );
}

function Record({ record, text }: { record: GateRecord; text: (r: GateRecord) => string }) {
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="gate-record">
      <span className={record.voided ? 'line-through' : undefined}>{text(record)}</span>
      {record.voided && (
        <Badge variant="warning">Did not count: made while the rollout was halted elsewhere</Badge>
      )}
    </p>
  );
}
