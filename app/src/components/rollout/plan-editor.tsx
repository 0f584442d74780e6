/**
 * The body of "Plan waves…" (WV-12): how the waves are built, each customer's pick, the preview with
 * reorder, rename, remove and add, the gate, and the save through `planWaves`. Moves and rebuilds are
 * announced in a status line, so a screen reader hears where a wave went.
 */
import {
  type ClusterId,
  type Customer,
  type CustomerId,
  type DomainError,
  type DomainState,
  planWaves,
  type Release,
  type Wave,
  type WaveId,
} from '@runsheet/domain';
import { Plus } from 'lucide-react';
import { useId, useMemo, useState } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import { Button } from '@/components/ui/button';
import { DialogFooter } from '@/components/ui/dialog';
import { Label } from '@/components/ui/label';
import { count } from '@/lib/count';
import { useWorkspace } from '@/state/workspace-context';
import { defaultGate, type GateDraft, GateFields, SOAK_ERROR, toGateInput } from './gate-fields';
import {
  addedWave,
  currentPlan,
  emptyWaves,
  moveWave,
  type PlanDraft,
  type PlanMode,
  previewPlan,
  removeWave,
  toPlanInput,
  wavesByCluster,
  wavesByMetadata,
} from './plan-draft';
import { PlanPicks, SELECT_CLASS } from './plan-picks';
import { PlanWaveList, waveLabel } from './plan-wave-list';

const MODES: Array<{ mode: PlanMode; label: string }> = [
  { mode: 'current', label: 'Start from the waves planned now' },
  { mode: 'clusters', label: 'One wave per cluster' },
  { mode: 'metadata', label: 'One wave per value of a metadata key' },
  { mode: 'customers', label: 'Pick each customer’s wave' },
];

interface FormErrors {
  names: ReadonlyMap<number, string>;
  soak: string | null;
  form: string | null;
}
const NO_ERRORS: FormErrors = { names: new Map(), soak: null, form: null };

/** Where a refusal of `planWaves` belongs: a wave's name (`waves.N.name`), the soak, or the form. */
function errorsOf(error: DomainError): FormErrors {
  const field = error.field ?? '';
  const name = /^waves\.(\d+)\.name$/.exec(field);
  if (name) return { ...NO_ERRORS, names: new Map([[Number(name[1]), error.message]]) };
  if (/^waves\.\d+\.gate\.soakMinutes/.test(field))
    return { ...NO_ERRORS, soak: error.code === 'invalid-input' ? SOAK_ERROR : error.message };
  return { ...NO_ERRORS, form: error.message };
}

export interface PlanData {
  state: DomainState;
  /** The waves planned now, in order. */
  live: Wave[];
  waveOf: (id: CustomerId) => WaveId | null;
  candidates: Customer[];
  byId: ReadonlyMap<CustomerId, Customer>;
  clusterName: (id: ClusterId) => string;
  keys: string[];
}

function built(data: PlanData, mode: PlanMode, metadataKey: string): PlanDraft {
  if (mode === 'current')
    return { mode, metadataKey, ...currentPlan(data.live, data.candidates, data.waveOf) };
  const waves =
    mode === 'clusters'
      ? wavesByCluster(data.candidates, data.clusterName)
      : mode === 'metadata'
        ? wavesByMetadata(data.candidates, metadataKey)
        : emptyWaves();
  return { mode, metadataKey, waves, picks: new Map() };
}

export function PlanEditor({
  release,
  data,
  version,
  onCancel,
  onSaved,
}: {
  release: Release;
  data: PlanData;
  /** The state's version: the preview is computed again when it changes. */
  version: number;
  onCancel: () => void;
  onSaved: (message: string) => void;
}) {
  const { run } = useWorkspace();
  // With waves planned, the form starts from them: reordering or renaming them is then one save.
  const [current, setDraft] = useState<PlanDraft>(() =>
    built(data, data.live.length > 0 ? 'current' : 'clusters', data.keys[0] ?? ''),
  );
  const modes = MODES.filter((m) => m.mode !== 'current' || data.live.length > 0);
  const [gate, setGate] = useState<GateDraft>(defaultGate);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [announcement, setAnnouncement] = useState('');
  const [busy, setBusy] = useState(false);
  const modeName = useId();
  const keyId = useId();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` stands for the mutable state.
  const preview = useMemo(
    () => previewPlan(data.state, current, release.id),
    [current, data, version, release.id],
  );

  const rebuild = (mode: PlanMode, metadataKey: string) => {
    const next = built(data, mode, metadataKey);
    setDraft(next);
    setErrors(NO_ERRORS);
    setAnnouncement(`${count(next.waves.length, 'wave')}: ${next.waves.map((w) => w.name).join(', ')}.`);
  };
  const update = (waves: PlanDraft['waves']) => setDraft({ ...current, waves });

  const move = (index: number, delta: -1 | 1) => {
    const wave = current.waves[index];
    if (!wave) return;
    const to = index + delta;
    if (to < 0 || to >= current.waves.length) {
      setAnnouncement(`${waveLabel(wave, index)} is already ${delta < 0 ? 'first' : 'last'}.`);
      return;
    }
    update(moveWave(current.waves, index, delta));
    setErrors(NO_ERRORS);
    setAnnouncement(`${waveLabel(wave, index)} is now wave ${to + 1} of ${current.waves.length}.`);
  };

  const runPlan = () => run(planWaves, toPlanInput(current, release.id, toGateInput(gate)));
  const save = async () => {
    setBusy(true);
    let result: Awaited<ReturnType<typeof runPlan>>;
    try {
      result = await runPlan();
    } catch (error) {
      setErrors({ ...NO_ERRORS, form: `The plan could not be saved: ${(error as Error).message}` });
      return;
    } finally {
      setBusy(false);
    }
    if (!result.ok) {
      setErrors(errorsOf(result.error));
      return;
    }
    const n = result.value.waveIds.length;
    onSaved(n === 0 ? 'Removed the waves.' : `Planned ${count(n, 'wave')}.`);
  };

  const previewError = preview.ok ? null : preview.error.message;
  // A mode that built no wave (no cluster, no metadata key) would save "no waves", removing the plan:
  // only removing the waves one by one from the current plan says that.
  const builtNothing = current.waves.length === 0 && current.mode !== 'current';
  return (
    <form
      aria-label="Plan waves"
      className="grid gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <fieldset className="grid gap-2">
        <legend className="font-medium text-sm">Build the waves</legend>
        <div className="flex flex-wrap gap-4">
          {modes.map((m) => (
            <label key={m.mode} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name={modeName}
                value={m.mode}
                checked={current.mode === m.mode}
                onChange={() => rebuild(m.mode, current.metadataKey)}
                className="size-4 accent-primary"
              />
              {m.label}
            </label>
          ))}
        </div>
      </fieldset>
      {current.mode === 'metadata' &&
        (data.keys.length === 0 ? (
          <p className="text-muted-foreground text-sm">No customer has metadata to split on.</p>
        ) : (
          <div className="grid max-w-xs gap-1.5">
            <Label htmlFor={keyId}>Metadata key</Label>
            <select
              id={keyId}
              className={SELECT_CLASS}
              value={current.metadataKey}
              onChange={(e) => rebuild('metadata', e.target.value)}
            >
              {data.keys.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </div>
        ))}
      {(current.mode === 'customers' || current.mode === 'current') && (
        <PlanPicks
          candidates={data.candidates}
          clusterName={data.clusterName}
          waves={current.waves}
          picks={current.picks}
          onPick={(customerId, waveKey) => {
            const picks = new Map(current.picks);
            if (waveKey === null) picks.delete(customerId);
            else picks.set(customerId, waveKey);
            setDraft({ ...current, picks });
          }}
        />
      )}
      <section aria-labelledby={`${keyId}-preview`} className="grid gap-2">
        <h3 id={`${keyId}-preview`} className="font-medium text-sm">
          Preview
        </h3>
        {previewError && <FormAlert>{previewError}</FormAlert>}
        <PlanWaveList
          waves={current.waves}
          members={preview.ok ? preview.members : null}
          unpicked={preview.ok ? preview.unpicked : 0}
          customers={data.byId}
          nameErrors={errors.names}
          onRename={(i, name) => update(current.waves.map((w, n) => (n === i ? { ...w, name } : w)))}
          onMove={move}
          onRemove={(i) => {
            const wave = current.waves[i];
            if (!wave) return;
            setDraft(removeWave(current, wave.key));
            setErrors(NO_ERRORS);
            setAnnouncement(`Removed ${waveLabel(wave, i)}; its customers go to the last wave.`);
          }}
        />
        <div>
          <Button
            type="button"
            variant="outline"
            size="sm"
            onClick={() => {
              const wave = addedWave(current.waves);
              update([...current.waves, wave]);
              setAnnouncement(`Added ${wave.name} at the end.`);
            }}
          >
            <Plus aria-hidden="true" />
            Add a wave at the end
          </Button>
        </div>
      </section>
      {current.mode === 'current' && current.waves.length > 1 && (
        <p className="text-muted-foreground text-sm">
          Each wave keeps its gate; the first has none, and a wave added here waits for the one before it to
          complete. Change a gate on the wave itself after saving.
        </p>
      )}
      {current.mode !== 'current' && current.waves.length > 1 && (
        <GateFields
          legend="Gate before each wave after the first: it opens when"
          draft={gate}
          onChange={setGate}
          soakError={errors.soak}
        />
      )}
      {errors.form && <FormAlert>{errors.form}</FormAlert>}
      <p role="status" className="sr-only" data-testid="plan-announcement">
        {announcement}
      </p>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onCancel}>
          Cancel
        </Button>
        {builtNothing && (
          <p className="mr-auto text-muted-foreground text-sm" data-testid="plan-built-nothing">
            This way builds no wave here.
          </p>
        )}
        <Button type="submit" disabled={busy || previewError !== null || builtNothing}>
          {current.waves.length === 0 ? 'Save: no waves' : `Save ${count(current.waves.length, 'wave')}`}
        </Button>
      </DialogFooter>
    </form>
  );
}
