/**
 * RM-09: a release read back with its step states still packed paints the same matrix as the release
 * read back whole, without building a step state; `stepStates`, once read, equals the whole read.
 */
import {
  type CustomerId,
  type DomainState,
  emptyCatalog,
  packedStepStatesOf,
  type ReleaseId,
  type ReleaseState,
  type StepId,
  type StepState,
  stepStatusMatrix,
  stepStatusMatrixInSlices,
  type TemplateId,
} from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addPackedStepRows,
  MemoryTables,
  type ReleaseRows,
  readRelease,
  releaseFromRows,
  releaseRows,
  Workspace,
} from '../src/index.ts';
import { customStep, template } from '../src/testing/entities.ts';
import { Prng } from './support/prng.ts';
import { randomChange } from './support/random-ops.ts';

const R = 'release:r1' as ReleaseId;

function rowsOf(release: ReleaseState): ReleaseRows {
  const tables = new MemoryTables();
  tables.apply(releaseRows(release));
  const of = <T extends { releaseId: ReleaseId }>(rows: Iterable<T>) =>
    [...rows].filter((r) => r.releaseId === release.releaseId);
  return {
    head: tables.tables.releaseHeads.get(release.releaseId),
    revisions: of(tables.tables.revisions.values()),
    steps: of(tables.tables.stepPacks.values()),
  };
}

/** The release read back as the archived release's first paint reads it (RM-09). */
function packedFrom(rows: ReleaseRows) {
  const release = releaseFromRows(R, { ...rows, steps: [] });
  const buildSteps = addPackedStepRows(release, rows.steps);
  return { release, buildSteps };
}

const built = (release: ReleaseState) =>
  Object.getOwnPropertyDescriptor(release, 'stepStates')?.get === undefined;

const stateOf = (catalog: DomainState['catalog'], release: ReleaseState): DomainState => ({
  catalog,
  releases: { [R]: release },
});

describe('RM-09: packed step states', () => {
  for (let seed = 1; seed <= 25; seed++) {
    it(`seed ${seed}: the matrix from packed step states equals the matrix from built ones, and builds none`, async () => {
      const ws = new Workspace();
      const rng = new Prng(seed);
      for (let i = 0; i < 150; i++) ws.apply(randomChange(rng, R));
      const expected = readRelease(ws.doc(R) as Y.Doc, R);
      const rows = rowsOf(expected);
      const whole = releaseFromRows(R, rows);
      const { catalog } = ws.state;
      for (const options of [{}, { includeArchivedCustomers: true }]) {
        const { release } = packedFrom(rows);
        const hasSteps = Object.keys(whole.stepStates).length > 0;
        expect(packedStepStatesOf(release) !== undefined).toBe(hasSteps);
        const matrix = stepStatusMatrix(stateOf(catalog, release), R, options);
        const sliced = await stepStatusMatrixInSlices(
          stateOf(catalog, release),
          R,
          options,
          () => Promise.resolve(),
          { sliceMs: 0, checkEvery: 3 },
        );
        // Painted without building one step state.
        if (hasSteps) expect(built(release)).toBe(false);
        const fromWhole = stepStatusMatrix(stateOf(catalog, whole), R, options);
        expect(matrix).toEqual(fromWhole);
        expect(sliced).toEqual(fromWhole);
        // Read, the step states are the whole read's, in the same key order; the packed ones are gone.
        expect(Object.keys(release.stepStates)).toEqual(Object.keys(whole.stepStates));
        expect(release).toEqual(whole);
        expect(release).toEqual({ ...expected, events: [] }); // rows read without their history
        expect(packedStepStatesOf(release)).toBeUndefined();
      }
      // Built a few buckets at a time, the same again.
      const { release, buildSteps } = packedFrom(rows);
      let calls = 0;
      while (!buildSteps(1)) calls++;
      expect(calls).toBe(Math.max(0, rows.steps.length - 1));
      expect(built(release)).toBe(true);
      expect(release).toEqual(whole);
    });
  }

  it('reads every field a cell shows, whatever its shape; a custom step reads its own state alone', () => {
    const release = readRelease(new Y.Doc(), R);
    const customers = ['customer:a', 'customer:b', 'customer:c'] as CustomerId[];
    for (const c of customers) release.participants[c] = { addedAt: 'T', addedBy: 'A' } as never;
    for (const [i, id] of ['template:t1', 'template:t2', 'template:t3'].entries())
      release.templates[id as TemplateId] = template(id as TemplateId, R, `t${i}`, `a${i}`);
    // A deleted template: its done step keeps a row, its untouched ones do not (ST-03).
    const t3 = release.templates['template:t3' as TemplateId];
    if (t3) release.templates[t3.id] = { ...t3, deletedAt: 'T' };
    const x = customStep('step:x1' as StepId, R, 'customer:b' as CustomerId, 'custom', 'a9');
    release.customSteps[x.id] = x;
    const states: Record<string, unknown> = {
      'step:a.t1': {
        status: 'done',
        notes: 'a note',
        execution: { rev: 'rev:1', vars: {}, at: 'T', by: 'A' },
      },
      'step:a.t2': { status: 'skipped', notes: '', overrideRev: 'rev:2' },
      'step:b.t1': { overrideName: 'renamed', notes: { odd: 'object' } },
      'step:b.t2': { status: 'reverted', overrideContent: 'echo', notes: null },
      'step:c.t3': { status: 'done' },
      'step:c.t1': {},
      'step:x1': { status: 'done', statusBy: 'B', notes: 'n' },
    };
    release.stepStates = states as Record<StepId, StepState>;
    const rows = rowsOf(release);
    const whole = releaseFromRows(R, rows);
    const { release: packed } = packedFrom(rows);
    const catalog = emptyCatalog();
    const matrix = stepStatusMatrix(stateOf(catalog, packed), R);
    expect(built(packed)).toBe(false);
    expect(packedStepStatesOf(packed)?.get('step:x1' as StepId)).toEqual(
      whole.stepStates['step:x1' as StepId],
    );
    expect(matrix).toEqual(stepStatusMatrix(stateOf(catalog, whole), R));
    expect(matrix.customSteps).toHaveLength(1);
    expect(packed).toEqual(whole);
  });
});
