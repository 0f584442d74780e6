/**
 * Files as large as a finished release gets, and larger: every list is walked, never spread into one
 * call. A spread passes each element as an argument on the stack, and a Web Worker's stack holds far
 * fewer than a page's: the 50,000-done backup stopped with "Maximum call stack size exceeded" there.
 */
import { describe, expect, it } from 'vitest';
import {
  type EventId,
  emptyState,
  type HistoryEvent,
  type ImportFile,
  markDone,
  planImport,
  type TemplateId,
  templateStepId,
  workspaceData,
} from '../../src/index.ts';
import { activeWorld } from '../helpers.ts';

/** More items than any stack here takes as arguments (Node's default overflows below 130,000). */
const MANY = 200_000;

function worldWithManyEvents() {
  const fx = activeWorld();
  fx.w.do(markDone, { releaseId: fx.r, stepId: templateStepId(fx.a, fx.d1) });
  const doc = fx.w.state.releases[fx.r];
  const event = doc?.events.at(-1);
  if (!doc || !event) throw new Error('the release has a done event');
  const events: HistoryEvent[] = [];
  // One event per step, as a finished release has (conflicts are looked for per step).
  for (let i = 0; i < MANY; i++) {
    const templateId = `template:many${i}` as TemplateId;
    events.push({ ...event, id: `event:many-${i}` as EventId, stepId: templateStepId(fx.a, templateId) });
  }
  doc.events = events;
  return fx;
}

describe('IO-19 large files', () => {
  it('IO-19 an export of a release with 200,000 history events lists them all', () => {
    const { w } = worldWithManyEvents();
    expect(workspaceData(w.state).events).toHaveLength(MANY);
  });

  it('IO-19 planning a restore of 200,000 history events gives one op per event', () => {
    const { w } = worldWithManyEvents();
    const file: ImportFile = {
      version: 2,
      exportedAt: '2026-12-01T00:00:00.000Z',
      generator: null,
      data: workspaceData(w.state),
      where: () => '',
    };
    const { plan, change } = planImport(emptyState(), file);
    expect(plan.mode).toBe('restore');
    expect(plan.counts.events.added).toBe(MANY);
    expect(change.ops.filter((op) => op.op === 'append-event')).toHaveLength(MANY);
  }, 60_000);
});
