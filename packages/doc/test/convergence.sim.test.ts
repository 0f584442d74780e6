/**
 * Convergence simulation (in the manner of tldraw's sync fuzz test and Yjs' testHelper): 3-5 replicas with
 * their own documents and workspaces run random domain commands while messages are delivered in random order,
 * dropped and re-synced; at the end every replica must hold the same documents and projections, and every
 * rule must hold or its conflict be listed (sim/invariants.ts).
 *
 *   SIM_SEEDS=5000 pnpm --filter @runsheet/doc test convergence   more seeds
 *   SIM_FIRST_SEED=10000                                          start elsewhere
 *
 * A seed that ever failed stays below as a named test. The generator evolves, so such a seed may no
 * longer walk the same path; each keeps asserting that the mechanism behind its failure still occurs,
 * and a focused unit test pins the mechanism itself (update-inbox.test.ts, mirror.test.ts).
 */
import { readRolloutLog } from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import { runSim, type SimResult } from './sim/run-sim.ts';

const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const SEEDS = Number(env.SIM_SEEDS ?? 500);
const FIRST_SEED = Number(env.SIM_FIRST_SEED ?? 1);

function expectClean(seed: number): SimResult {
  const result = runSim(seed);
  if (result.problems.length > 0) {
    throw new Error(
      `seed ${seed} (${result.replicas} replicas):\n${result.problems.join('\n')}\n--- last actions ---\n${result.log.tail()}`,
    );
  }
  return result;
}

/** Seeds per test: a failure names a small range, and each test stays well inside its time limit. */
const CHUNK = 50;
const CHUNK_TIMEOUT_MS = 60_000;

describe('convergence simulation', () => {
  for (let start = FIRST_SEED; start < FIRST_SEED + SEEDS; start += CHUNK) {
    const end = Math.min(start + CHUNK, FIRST_SEED + SEEDS) - 1;
    it(
      `seeds ${start}..${end} converge with every invariant holding or its conflict listed`,
      () => {
        let commands = 0;
        let refused = 0;
        let delivered = 0;
        let held = 0;
        for (let seed = start; seed <= end; seed++) {
          const result = expectClean(seed);
          for (const c of result.log.counts.values()) {
            commands += c.ok;
            refused += c.refused;
          }
          delivered += result.network.delivered;
          held += result.network.held;
        }
        // The run must exercise the system: most commands succeed, messages flow, some overtake others.
        const seeds = end - start + 1;
        expect(commands).toBeGreaterThan(seeds * 10);
        expect(refused).toBeLessThan(commands);
        expect(delivered).toBeGreaterThan(seeds * 30);
        if (seeds >= 20) expect(held).toBeGreaterThan(0);
      },
      CHUNK_TIMEOUT_MS,
    );
  }

  it('seed 171: an update that overtook the one before it removed a cluster name until the gap closed', () => {
    // Yjs applies a delete set at once but parks inserts that follow a missing update, so a renamed
    // field vanished and the next createCluster crashed on a nameless cluster. Fixed by receiveUpdate.
    expect(expectClean(171).network.held).toBeGreaterThan(0);
  });

  it('seed 4: updates released together from the inbox nested their transactions and doubled an event', () => {
    // Yjs computes a nested transaction's array delta after the next one integrated, so the mirror
    // inserted the same event twice. Fixed in ReleaseMirror (skip known events, resync on mismatch).
    expect(expectClean(4).network.held).toBeGreaterThan(0);
  });

  it('seed 1265: the order check compared releases in the order each replica happened to open them', () => {
    // A harness bug, not a merge bug: the lists were equal, the iteration order of state.releases was
    // not. Kept so the check stays independent of document opening order. The generator has changed
    // since, so the first seed from 1265 on whose replicas hold two releases or more stands in for it.
    let releases = 0;
    for (let seed = 1265; seed < 1365 && releases < 2; seed++) {
      releases = Object.keys(expectClean(seed).network.replicaStates()[0]?.releases ?? {}).length;
    }
    expect(releases).toBeGreaterThan(1);
  });

  it('seed 1916: a replica held a rollout event without the resume it descended from (MR-08 judged by happened-before)', () => {
    // The mesh delivered d1's wave change to d3 before d2's resume that change was made after; d3's
    // gate opening then descends from the resume without d3 ever holding it or the halt. The domain
    // counts the opening (it comes after the resume); the invariant used to demand what d3 held.
    const result = expectClean(1916);
    const state = result.network.replicaStates()[0];
    const gaps = Object.values(state?.releases ?? {}).flatMap((doc) => {
      const log = readRolloutLog(doc.events);
      return log.events.filter((g) =>
        log.halts.some((h) => log.knows(g.id, h.id) && result.log.knew.get(g.id)?.has(h.id) === false),
      );
    });
    expect(gaps.length).toBeGreaterThan(0);
  });
});
