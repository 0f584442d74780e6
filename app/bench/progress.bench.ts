/**
 * Release progress (FET-005, PR-01..PR-08) of a finished release, 1,000 customers x 50 steps with all
 * 50,000 done: what the release page and the dashboard recompute on every change they show. Timed in
 * CPU time of this process (`process.cpuUsage`), which a shared machine's load moves far less than the
 * wall clock; and the same kept step by step (PR-09) after one step changes. A script, not a test: it
 * prints, it asserts nothing.
 *
 *   node packages/doc/scripts/run-ts.mjs app/bench/progress.bench.ts      (BENCH_RUNS=41 by default)
 */
import {
  emptyState,
  importWorkspace,
  readWorkspaceFile,
  releaseProgress,
  releaseProgressOf,
  revertStep,
  run,
  StepTally,
  templateStepId,
  testContext,
} from '@runsheet/domain';
import { buildLargeWorkspace } from '../../e2e/support/large-workspace.ts';
import { summary } from '../../scripts/bench-figures.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 41);
const workspace = buildLargeWorkspace({ customers: 1000, templates: 50, done: 50_000 });
const read = readWorkspaceFile(JSON.parse(workspace.text), { now: '2026-12-01T00:00:00.000Z' });
if (!read.ok) throw new Error('the generated backup does not read');
const ctx = testContext({ device: 'bench', actor: { id: 'user:bench', name: 'Bench' } });
const state = run(emptyState(), importWorkspace(emptyState(), read.file, ctx)).state;

const cpuMs: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const before = process.cpuUsage();
  releaseProgress(state, workspace.releaseId);
  const used = process.cpuUsage(before);
  cpuMs.push((used.user + used.system) / 1000);
}

// Kept step by step (PR-09): one step reverted, then the tally recounts that step and the figures are
// read from it, as the release page does after a change.
const tally = StepTally.count(state, workspace.releaseId);
let current = state;
const keptMs: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const customerId = workspace.customerIds[i % workspace.customerIds.length];
  const templateId = workspace.templateIds[i % workspace.templateIds.length];
  if (!customerId || !templateId) break;
  const stepId = templateStepId(customerId, templateId);
  const result = revertStep(current, { releaseId: workspace.releaseId, stepId, reason: 'bench' }, ctx);
  if (!result.ok) throw new Error(result.error.code);
  current = run(current, result).state;
  const before = process.cpuUsage();
  tally.recount(current, workspace.releaseId, [stepId]);
  releaseProgressOf(current, workspace.releaseId, tally);
  const used = process.cpuUsage(before);
  keptMs.push((used.user + used.system) / 1000);
}
console.log(
  JSON.stringify(
    { stepStates: 50_000, releaseProgressCpuMs: summary(cpuMs), keptAfterOneChangeCpuMs: summary(keptMs) },
    null,
    2,
  ),
);
