import type { ReleaseId, StepId } from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { allRows, DirtySet, MemoryTables, stepRecordRow, Workspace } from '../src/index.ts';
import { customStep, ops, template } from '../src/testing/entities.ts';
import { Prng } from './support/prng.ts';
import { randomChange } from './support/random-ops.ts';

const R = 'release:r1' as ReleaseId;

function rebuilt(ws: Workspace) {
  const tables = new MemoryTables();
  tables.apply(allRows(ws.state));
  return tables.snapshot();
}

/** A workspace with an incremental projection flushed by hand. */
function device(clientID: number) {
  const ws = new Workspace({
    createDoc: () => {
      const doc = new Y.Doc();
      doc.clientID = clientID;
      return doc;
    },
  });
  ws.catalog.clientID = clientID;
  const dirty = new DirtySet();
  const tables = new MemoryTables();
  ws.subscribe((c) => dirty.add(c));
  const flush = () => tables.apply(dirty.take(ws.state));
  return { ws, tables, flush };
}

function syncInto(from: Workspace, to: Workspace) {
  for (const [name, doc] of from.docs()) {
    const target = to.doc(name) ?? to.openRelease(name as ReleaseId);
    Y.applyUpdate(target, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(target)), 'remote');
  }
}

describe('projection rows', () => {
  it('gives a template step a row only once it has state of its own', () => {
    const { ws } = device(1);
    ws.apply({
      ops: [ops.template(R, template('template:t1', R, 'x', 'a0')), ops.participant(R, 'customer:c1')],
    });
    const release = ws.state.releases[R];
    if (!release) throw new Error('release not open');
    expect(stepRecordRow(release, 'step:c1.t1')).toBeNull();
    ws.apply({ ops: [ops.stepState(R, 'step:c1.t1', { notes: 'n' })] });
    expect(stepRecordRow(release, 'step:c1.t1')).toEqual({
      id: 'step:c1.t1',
      releaseId: R,
      customerId: 'customer:c1',
      templateId: 'template:t1',
      status: 'pending',
      state: { notes: 'n' },
      custom: null,
    });
  });

  it('gives a custom step a row, and waits for its record before writing state that arrived first', () => {
    const { ws } = device(1);
    const id = 'step:x1' as StepId;
    ws.apply({ ops: [ops.stepState(R, id, { status: 'done' })] });
    const release = ws.state.releases[R];
    if (!release) throw new Error('release not open');
    expect(stepRecordRow(release, id)).toBeNull();
    ws.apply({ ops: [ops.customStep(R, customStep(id, R, 'customer:c1', 'x', 'a0'))] });
    expect(stepRecordRow(release, id)).toMatchObject({
      customerId: 'customer:c1',
      templateId: null,
      status: 'done',
    });
  });

  it('does not touch step rows when a template is edited', () => {
    const { ws, tables, flush } = device(1);
    ws.apply({
      ops: [
        ops.template(R, template('template:t1', R, 'x', 'a0')),
        ops.participant(R, 'customer:c1'),
        ops.stepState(R, 'step:c1.t1', { notes: 'n' }),
      ],
    });
    flush();
    const before = tables.tables.stepRecords.get('step:c1.t1');
    ws.apply({ ops: [ops.template(R, { id: 'template:t1', content: 'echo new' })] });
    const dirty = new DirtySet();
    const off = ws.subscribe((c) => dirty.add(c));
    ws.apply({ ops: [ops.template(R, { id: 'template:t1', content: 'echo newer' })] });
    off();
    expect(dirty.take(ws.state).stepRecords).toEqual({ put: [], delete: [] });
    flush();
    expect(tables.tables.stepRecords.get('step:c1.t1')).toBe(before);
  });

  for (let seed = 1; seed <= 30; seed++) {
    it(`seed ${seed}: incremental rows equal a rebuild after random local and remote changes`, () => {
      const rng = new Prng(seed);
      const devices = [device(1), device(2), device(3)];
      for (let step = 0; step < 50; step++) {
        const d = rng.pick(devices);
        if (rng.bool(0.6)) d.ws.apply(randomChange(rng, R));
        else syncInto(rng.pick(devices.filter((o) => o !== d)).ws, d.ws);
        if (rng.bool(0.3)) {
          d.flush();
          expect(d.tables.snapshot()).toEqual(rebuilt(d.ws));
        }
      }
      for (const d of devices) for (const o of devices) if (d !== o) syncInto(o.ws, d.ws);
      for (const d of devices) d.flush();
      const [first, ...rest] = devices.map((d) => d.tables.snapshot());
      expect(first).toEqual(rebuilt(devices[0]?.ws as Workspace));
      for (const other of rest) expect(other).toEqual(first);
    });
  }
});
