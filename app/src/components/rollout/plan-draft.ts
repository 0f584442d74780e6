/**
 * The whole-plan form's draft (WV-12): waves built one per cluster, one per value of a metadata key, by
 * picking each customer's wave, or started from the waves planned now, then reordered and renamed before
 * one `planWaves` saves them. The
 * preview runs that same command on the state as it is, without writing, so the counts it shows are the
 * domain's own (who a selection takes, who falls into the last wave), never a second copy of the rule.
 */
import {
  type ClusterId,
  type CommandContext,
  type Customer,
  type CustomerId,
  type DomainError,
  type DomainState,
  type GateInput,
  type Id,
  type IdType,
  type PlanWavesInput,
  planWaves,
  type ReleaseId,
  selectCustomers,
  type Wave,
  type WaveId,
} from '@runsheet/domain';

/** Who a planned wave takes (WV-02), typed as the domain resolves it. */
export interface PlanSelection {
  customerIds?: CustomerId[];
  clusterIds?: ClusterId[];
  metadata?: { key: string; value: string };
}

export type PlanMode = 'current' | 'clusters' | 'metadata' | 'customers';

export interface DraftWave {
  /** Stable across renames and moves: the list's React key and what a customer's pick points at. */
  key: string;
  name: string;
  /** Who the wave takes in the cluster and metadata modes; in the pick mode the picks say it. */
  select?: PlanSelection;
  /** The wave's own gate (a wave planned before keeps it); none: the form's gate, or the default. */
  gate?: GateInput;
}

export interface PlanDraft {
  mode: PlanMode;
  metadataKey: string;
  waves: DraftWave[];
  /**
   * Pick and current modes: the wave (its key) each picked customer goes to; customers not here go to the
   * last.
   */
  picks: ReadonlyMap<CustomerId, string>;
}

let keys = 0;
const newKey = () => `w${++keys}`;

/** One wave per cluster the candidates are in, in cluster-name order, each named after its cluster. */
export function wavesByCluster(
  candidates: readonly Customer[],
  clusterName: (id: ClusterId) => string,
): DraftWave[] {
  const clusters = [...new Set(candidates.map((c) => c.clusterId))].sort((a, b) =>
    clusterName(a).localeCompare(clusterName(b)),
  );
  return clusters.map((id) => ({ key: newKey(), name: clusterName(id), select: { clusterIds: [id] } }));
}

/** The metadata keys any candidate has, sorted: what "by metadata key" can split on. */
export function metadataKeys(candidates: readonly Customer[]): string[] {
  return [...new Set(candidates.flatMap((c) => Object.keys(c.metadata)))].sort((a, b) => a.localeCompare(b));
}

/**
 * One wave per value of `key` among the candidates, in value order, each named after its value.
 * Customers without the key are picked by none and so land in the last wave (WV-02).
 */
export function wavesByMetadata(candidates: readonly Customer[], key: string): DraftWave[] {
  const values = [
    ...new Set(candidates.map((c) => c.metadata[key]).filter((v): v is string => v !== undefined)),
  ].sort((a, b) => a.localeCompare(b));
  return values.map((value) => ({
    key: newKey(),
    name: value.trim() === '' ? `${key} (empty)` : value,
    select: { metadata: { key, value } },
  }));
}

/** A wave's gate as `planWaves` takes it, so saving the plan again keeps it. */
export function gateInputOf(wave: Wave): GateInput {
  return {
    previousComplete: wave.gatePreviousComplete,
    verifyComplete: wave.gateVerifyComplete,
    soakMinutes: wave.gateSoakMinutes,
    signOff: wave.gateSignOff,
  };
}

/**
 * The waves planned now, each with its own gate, and every candidate picked into the wave it is in now
 * (WV-01: by its membership, else the last): saved unchanged, the plan places everyone where they are.
 */
export function currentPlan(
  live: readonly Wave[],
  candidates: readonly Customer[],
  waveOf: (id: CustomerId) => WaveId | null,
): Pick<PlanDraft, 'waves' | 'picks'> {
  const waves = live.map((w) => ({ key: w.id, name: w.name, gate: gateInputOf(w) }));
  const picks = new Map<CustomerId, string>();
  for (const c of candidates) {
    const id = waveOf(c.id);
    if (id) picks.set(c.id, id);
  }
  return { waves, picks };
}

/** The pick mode starts with two empty waves: everyone is in the second until picked. */
export function emptyWaves(n = 2): DraftWave[] {
  return Array.from({ length: n }, (_, i) => ({ key: newKey(), name: `Wave ${i + 1}` }));
}

export function addedWave(waves: readonly DraftWave[]): DraftWave {
  const taken = new Set(waves.map((w) => w.name.trim().toLowerCase()));
  let n = waves.length + 1;
  while (taken.has(`wave ${n}`)) n++;
  return { key: newKey(), name: `Wave ${n}` };
}

/** The waves with the one at `index` moved by `delta` places; unchanged at either end. */
export function moveWave(waves: readonly DraftWave[], index: number, delta: -1 | 1): DraftWave[] {
  const to = index + delta;
  if (to < 0 || to >= waves.length) return [...waves];
  const out = [...waves];
  const [moved] = out.splice(index, 1);
  if (moved) out.splice(to, 0, moved);
  return out;
}

/** Removes a wave; in the pick mode its customers are picked by none again (the last wave). */
export function removeWave(draft: PlanDraft, key: string): PlanDraft {
  const picks = new Map([...draft.picks].filter(([, k]) => k !== key));
  return { ...draft, waves: draft.waves.filter((w) => w.key !== key), picks };
}

function selectionOf(draft: PlanDraft, wave: DraftWave): PlanSelection | undefined {
  if (draft.mode !== 'customers' && draft.mode !== 'current') return wave.select;
  const customerIds = [...draft.picks].filter(([, k]) => k === wave.key).map(([id]) => id);
  return customerIds.length > 0 ? { customerIds: customerIds.sort() } : undefined;
}

/**
 * What `planWaves` takes for the draft. Every wave after the first gets the form's gate; started from
 * the waves planned now, each keeps its own instead (a wave added in the form gets the default).
 */
export function toPlanInput(draft: PlanDraft, releaseId: ReleaseId, gate: GateInput): PlanWavesInput {
  return {
    releaseId,
    waves: draft.waves.map((w, i) => {
      const select = selectionOf(draft, w);
      const own = draft.mode === 'current' ? w.gate : gate;
      return { name: w.name, ...(select && { select }), ...(i > 0 && own && { gate: own }) };
    }),
  };
}

/** A context for a command that is run only to read its answer: nothing it makes is kept. */
function previewContext(): CommandContext {
  let n = 0;
  return {
    now: () => new Date().toISOString(),
    newId: <T extends IdType>(type: T) => `${type}:preview${++n}` as Id<T>,
    actor: { id: 'preview', name: 'preview' },
    device: 'preview',
  };
}

export type PlanPreview =
  | { ok: true; members: CustomerId[][]; unpicked: number }
  | { ok: false; error: DomainError };

/**
 * Who each wave of the draft would hold, as `planWaves` decides it on `state`, and how many customers no
 * wave picked (they are in the last). Names and the gate do not change who goes where, so placeholders
 * stand in for them: the preview stays right while a name is still being typed.
 */
export function previewPlan(state: DomainState, draft: PlanDraft, releaseId: ReleaseId): PlanPreview {
  const input = toPlanInput(draft, releaseId, {});
  const anonymous = {
    ...input,
    waves: input.waves.map((w, i) => ({ select: w.select, name: `#${i + 1}` })),
  };
  const result = planWaves(state, anonymous, previewContext());
  if (!result.ok) return result;
  const members = result.value.waveIds.map((id) => result.value.members[id] ?? []);
  const release = state.catalog.releases[releaseId];
  const doc = state.releases[releaseId];
  if (!release || !doc) return { ok: true, members, unpicked: 0 };
  const picked = new Set<CustomerId>();
  for (const w of draft.waves) {
    const got = selectCustomers(state, release, doc, selectionOf(draft, w), 'select');
    if (got.ok) for (const id of got.value) picked.add(id);
  }
  const placed = members.reduce((sum, m) => sum + m.length, 0);
  return { ok: true, members, unpicked: placed - picked.size };
}
