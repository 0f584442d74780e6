import { describe, expect, it } from 'vitest';
import { assignToWave, stepStatusMatrix } from '../src/index.ts';
import { activeWorld } from './helpers.ts';
import { wavedWorld } from './wave-helpers.ts';

const groups = (m: ReturnType<typeof stepStatusMatrix>) =>
  m.clusters.map((g) => [g.waveName ?? null, g.name, m.columns.slice(g.start, g.end).map((c) => c.name)]);

describe('WV-10 the matrix groups by wave, then cluster', () => {
  it('without waves: by cluster, as before, and no group names a wave', () => {
    const { w, r } = activeWorld();
    expect(groups(stepStatusMatrix(w.state, r))).toEqual([
      [null, 'prod-eu', ['Acme', 'Beta']],
      [null, 'prod-us', ['Cobalt']],
    ]);
  });

  it('with waves: rollout order first, a cluster split over two waves is two groups; empty waves have none', () => {
    const { w, r, c, canary } = wavedWorld();
    w.do(assignToWave, { releaseId: r, waveId: canary, select: { customerIds: [c] } });
    const m = stepStatusMatrix(w.state, r);
    expect(groups(m)).toEqual([
      ['Canary', 'prod-eu', ['Acme']],
      ['Canary', 'prod-us', ['Cobalt']],
      ['EU', 'prod-eu', ['Beta']],
    ]);
    expect(m.clusters.every((g) => g.waveId !== undefined)).toBe(true);
  });
});
