/** SE-11: what new log entries claim about who wrote them, as the relay reads them. */
import { newEvent, type ReleaseId, type StepId, testContext } from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyChange, claimsOf, releaseRoots } from '../src/index.ts';

const R = 'release:r1' as ReleaseId;
const STEP = 'step:s1' as StepId;

describe('SE-11 log entry claims', () => {
  it('SE-11b reads each new entry’s event id and actor; a state change alone claims nobody; garbage is unreadable', () => {
    const doc = new Y.Doc();
    const note = newEvent(testContext({ actor: { id: 'user:ada', name: 'Ada' } }), {
      releaseId: R,
      kind: 'notes',
      stepId: STEP,
      detail: { notes: 'n' },
    });
    applyChange(
      () => doc,
      {
        ops: [
          { doc: 'release', releaseId: R, op: 'append-event', event: note },
          {
            doc: 'release',
            releaseId: R,
            op: 'put-step-state',
            id: 'step:s2' as StepId,
            fields: { notes: 'x' },
          },
        ],
      },
      null,
    );
    const { log, refs } = releaseRoots(doc);
    expect(log.length).toBe(2);
    const entries = [...log.toArray(), ['not', 'an entry'], 42];
    const read = claimsOf(entries, refs, R);
    expect(read.claims).toEqual([{ entryId: note.id, by: 'user:ada', byName: 'Ada' }]);
    expect(read.unreadable).toBe(2);
  });
});
