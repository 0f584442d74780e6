/**
 * The release's rollout (issue 15): its waves as a timeline with their gates, halt and resume, the form
 * that adds a wave, and the rollout's history. A release without waves shows only how to start one;
 * nothing else of the release changes.
 */
import {
  type ClusterId,
  type CustomerId,
  customersWithWork,
  liveWaves,
  type Release,
  waveCandidates,
  waveOfCustomer,
} from '@runsheet/domain';
import { useMemo, useState } from 'react';
import { type RolloutActionContext, rolloutActions } from '@/actions/rollout-actions';
import { useActionScope } from '@/actions/scope';
import { bind } from '@/actions/types';
import { toast } from '@/components/ui/use-toast';
import { useNow, useReleaseView, useRolloutHistory, useRolloutStatus } from '@/data';
import { HaltControls } from './halt-controls';
import { PlanWavesDialog } from './plan-waves-dialog';
import { RolloutConflicts } from './rollout-conflicts';
import { RolloutHistory } from './rollout-history';
import { useRolloutRights } from './use-rollout-role';
import { WaveForm } from './wave-form';
import { WaveTimeline } from './wave-timeline';

export function RolloutSection({ release }: { release: Release }) {
  const releaseId = release.id;
  const view = useReleaseView(releaseId);
  const rollout = useRolloutStatus(releaseId);
  const history = useRolloutHistory(releaseId);
  const rights = useRolloutRights();
  const now = useNow();
  const [haltOpen, setHaltOpen] = useState(false);
  const [signOffRequest, setSignOffRequest] = useState<{ waveId: string; n: number } | null>(null);
  const ready = view.status === 'ready' ? view : null;
  const version = ready?.version ?? -1;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` stands for the mutable state.
  const data = useMemo(() => {
    if (!ready) return null;
    const doc = ready.state.releases[releaseId];
    if (!doc) return null;
    const { catalog } = ready.state;
    const live = liveWaves(doc);
    const waveNames = new Map<string, string>(Object.values(doc.waves).map((w) => [w.id, w.name]));
    return {
      candidates: waveCandidates(ready.state, ready.release, doc),
      // WV-12: the whole plan is replaced only before any step was done or skipped (planWaves).
      started: customersWithWork(doc).size > 0,
      clusterName: (id: ClusterId) => catalog.clusters[id]?.name ?? id,
      waveOf: (id: CustomerId) => (live.length === 0 ? null : (waveOfCustomer(doc, live, id)?.name ?? null)),
      waveName: (id: string | undefined) => (id ? (waveNames.get(id) ?? 'a removed wave') : 'a wave'),
    };
  }, [version, releaseId]);

  const active = release.status === 'active';
  const signOffWave =
    active && rights.signOff ? (rollout?.waves.find((w) => w.gate?.readyForSignOff) ?? null) : null;
  const actionCtx: RolloutActionContext = {
    canEdit: rights.edit && active,
    halted: rollout?.halted != null,
    signOffWave: signOffWave?.wave.name ?? null,
    openHalt: () => setHaltOpen(true),
    openSignOff: () =>
      signOffWave && setSignOffRequest((prev) => ({ waveId: signOffWave.wave.id, n: (prev?.n ?? 0) + 1 })),
  };
  useActionScope('rollout', () => ({
    title: `Rollout: ${release.name}`,
    actions: rolloutActions.map((a) => bind(a, actionCtx)),
  }));

  if (!rollout || !data) return <p className="text-muted-foreground">Loading the rollout…</p>;
  const notify = (message: string) => toast({ title: message });
  const canPlan = rights.edit && release.status !== 'archived';
  const formProps = {
    release,
    candidates: data.candidates,
    clusterName: data.clusterName,
    waveOf: data.waveOf,
  };

  return (
    <div className="grid gap-8">
      <section aria-labelledby="rollout-waves" className="grid gap-4" data-region="rollout">
        <div className="grid gap-1">
          <h2 id="rollout-waves" className="font-semibold text-lg">
            Waves
          </h2>
          <p className="text-muted-foreground text-sm">
            {rollout.waves.length === 0
              ? 'This release goes to every customer at once. Add waves to roll it out group by group, with a gate before each wave after the first.'
              : 'Each wave opens when its gate’s conditions are met; a customer put in no other wave is in the last one. Steps of a wave that is not open can be read and copied, not marked done or skipped.'}
          </p>
        </div>
        {canPlan && !data.started && (
          <div>
            <PlanWavesDialog release={release} currentWaves={rollout.waves.length} onDone={notify} />
          </div>
        )}
        <HaltControls
          release={release}
          rollout={rollout}
          canEdit={rights.edit}
          notify={notify}
          open={haltOpen}
          setOpen={setHaltOpen}
        />
        <RolloutConflicts
          releaseId={releaseId}
          canReview={rights.edit && release.status === 'active'}
          waveName={(id) => data.waveName(id ?? undefined)}
        />
        {rollout.waves.length > 0 && (
          <WaveTimeline
            release={release}
            rollout={rollout}
            now={now}
            rights={rights}
            notify={notify}
            signOffRequest={signOffRequest}
            renderEdit={(w, close) => (
              <WaveForm
                {...formProps}
                wave={w.wave}
                gated={w.index > 0}
                onDone={(message) => {
                  notify(message);
                  close();
                }}
                onCancel={close}
              />
            )}
          />
        )}
      </section>
      {canPlan && (
        <section aria-labelledby="rollout-add-wave" className="grid gap-3">
          <h2 id="rollout-add-wave" className="font-semibold text-lg">
            Add a wave
          </h2>
          <WaveForm {...formProps} gated={rollout.waves.length > 0} onDone={notify} />
        </section>
      )}
      <RolloutHistory entries={history} waveName={data.waveName} />
    </div>
  );
}
