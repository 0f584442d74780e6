import type { ClusterId, MatrixClusterGroup, WaveId } from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import { toggleWave, waveFolds } from './wave-folds';

const group = (wave: string | null, cluster: string): MatrixClusterGroup => ({
  clusterId: cluster as ClusterId,
  name: cluster,
  start: 0,
  end: 1,
  ...(wave !== null && { waveId: `wave:${wave}` as WaveId, waveName: wave }),
});

describe('folding a whole wave of the matrix', () => {
  const clusters = [group('Canary', 'cluster:eu'), group('Rest', 'cluster:eu'), group('Rest', 'cluster:us')];

  it('WV-10 lists the waves in column order with the fold keys of their groups', () => {
    const folds = waveFolds({ clusters }, new Set());
    expect(folds.map((f) => [f.name, f.keys, f.folded])).toEqual([
      ['Canary', ['wave:Canary|cluster:eu'], false],
      ['Rest', ['wave:Rest|cluster:eu', 'wave:Rest|cluster:us'], false],
    ]);
  });

  it('WV-10 folds every group of a wave, leaves the others, and unfolds it again', () => {
    const rest = waveFolds({ clusters }, new Set())[1]!;
    const folded = toggleWave(new Set(['wave:Canary|cluster:eu']), rest);
    expect([...folded].sort()).toEqual([
      'wave:Canary|cluster:eu',
      'wave:Rest|cluster:eu',
      'wave:Rest|cluster:us',
    ]);
    const again = waveFolds({ clusters }, folded);
    expect(again.map((f) => f.folded)).toEqual([true, true]);
    expect([...toggleWave(folded, again[1]!)]).toEqual(['wave:Canary|cluster:eu']);
  });

  it('WV-10 a wave with one group folded by hand is not folded; folding it folds the rest', () => {
    const partly = new Set(['wave:Rest|cluster:us']);
    const rest = waveFolds({ clusters }, partly)[1]!;
    expect(rest.folded).toBe(false);
    expect([...toggleWave(partly, rest)].sort()).toEqual(['wave:Rest|cluster:eu', 'wave:Rest|cluster:us']);
  });

  it('is empty for a release without waves', () => {
    expect(waveFolds({ clusters: [group(null, 'cluster:eu')] }, new Set())).toEqual([]);
  });
});
