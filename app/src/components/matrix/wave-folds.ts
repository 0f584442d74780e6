/**
 * Folding a whole wave of the matrix (WV-10): the matrix groups columns by wave, then cluster, and each
 * (wave, cluster) group folds on its own; a wave folds when every one of its groups does.
 */
import type { StatusMatrix, WaveId } from '@runsheet/domain';
import { clusterKey } from './matrix-model';

export interface WaveFold {
  waveId: WaveId;
  name: string;
  /** The fold keys of the wave's (wave, cluster) groups. */
  keys: string[];
  /** Every group of the wave is folded. */
  folded: boolean;
}

/** The waves of the matrix in column order, with whether each is folded; empty without waves. */
export function waveFolds(m: Pick<StatusMatrix, 'clusters'>, collapsed: ReadonlySet<string>): WaveFold[] {
  const byWave = new Map<WaveId, WaveFold>();
  for (const group of m.clusters) {
    if (group.waveId === undefined) continue;
    let fold = byWave.get(group.waveId);
    if (fold === undefined) {
      fold = { waveId: group.waveId, name: group.waveName ?? '', keys: [], folded: true };
      byWave.set(group.waveId, fold);
    }
    const key = clusterKey(group);
    fold.keys.push(key);
    if (!collapsed.has(key)) fold.folded = false;
  }
  return [...byWave.values()];
}

/** The fold set after folding the wave (or unfolding it, when it is folded already). */
export function toggleWave(collapsed: ReadonlySet<string>, fold: WaveFold): Set<string> {
  const next = new Set(collapsed);
  for (const key of fold.keys) {
    if (fold.folded) next.delete(key);
    else next.add(key);
  }
  return next;
}
