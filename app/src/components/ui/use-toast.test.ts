import { describe, expect, it } from 'vitest';
import { createToastStore, TOAST_LIMIT, TOAST_REMOVE_DELAY_MS } from './use-toast';

function manualClock() {
  const pending: { run: () => void; ms: number }[] = [];
  return {
    schedule: (run: () => void, ms: number) => pending.push({ run, ms }),
    flush: () => {
      for (const task of pending.splice(0)) task.run();
    },
    pending,
  };
}

describe('toast store', () => {
  it('shows a toast and notifies subscribers', () => {
    const store = createToastStore(manualClock().schedule);
    let calls = 0;
    store.subscribe(() => {
      calls += 1;
    });
    const handle = store.show({ title: 'Saved' });
    expect(calls).toBe(1);
    expect(store.getSnapshot()).toEqual([{ id: handle.id, title: 'Saved', open: true }]);
  });

  it('closes on dismiss, then removes it after the exit animation', () => {
    const clock = manualClock();
    const store = createToastStore(clock.schedule);
    const handle = store.show({ title: 'Saved' });
    handle.dismiss();
    expect(store.getSnapshot()[0]?.open).toBe(false);
    expect(clock.pending[0]?.ms).toBe(TOAST_REMOVE_DELAY_MS);
    clock.flush();
    expect(store.getSnapshot()).toEqual([]);
  });

  it(`keeps at most ${TOAST_LIMIT} open, closing the oldest first`, () => {
    const store = createToastStore(manualClock().schedule);
    const handles = Array.from({ length: TOAST_LIMIT + 1 }, (_, i) => store.show({ title: `t${i}` }));
    const open = store.getSnapshot().filter((t) => t.open);
    expect(open.map((t) => t.id)).toEqual(handles.slice(1).map((h) => h.id));
  });

  it('dismiss() without an id closes every toast', () => {
    const store = createToastStore(manualClock().schedule);
    store.show({ title: 'a' });
    store.show({ title: 'b' });
    store.dismiss();
    expect(store.getSnapshot().every((t) => !t.open)).toBe(true);
  });
});
