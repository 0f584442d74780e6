/**
 * @runsheet/domain: Runsheet's entities, rules and commands as pure TypeScript over plain data.
 * Rules and their ids: docs/SPEC.md.
 */

export * from './apply.ts';
export * from './change.ts';
export * from './commands/activation.ts';
export * from './commands/clusters.ts';
export * from './commands/conflict-review.ts';
export * from './commands/custom-steps.ts';
export * from './commands/customer-steps.ts';
export * from './commands/customers.ts';
export * from './commands/define-command.ts';
export * from './commands/gates.ts';
// Commands, one file per area.
export * from './commands/guards.ts';
export * from './commands/halt.ts';
export * from './commands/placement.ts';
export * from './commands/registry.ts';
export * from './commands/releases.ts';
export * from './commands/revision-writer.ts';
export * from './commands/step-reopen.ts';
export * from './commands/step-status.ts';
export * from './commands/step-support.ts';
export * from './commands/templates.ts';
export * from './commands/wave-support.ts';
export * from './commands/waves.ts';
export * from './context.ts';
export * from './entities/cluster.ts';
export * from './entities/common.ts';
export * from './entities/content-revision.ts';
export * from './entities/custom-step.ts';
export * from './entities/customer.ts';
export * from './entities/customer-step.ts';
export * from './entities/participant.ts';
export * from './entities/release.ts';
export * from './entities/step-event.ts';
export * from './entities/step-state.ts';
export * from './entities/step-template.ts';
export * from './entities/wave.ts';
export * from './enums.ts';
export * from './event-id.ts';
export * from './history.ts';
// Contract: ids, enums, entities, state, changes, results, reasons.
export * from './ids.ts';
// Data in and out: workspace file, CSV, reports.
export * from './io/index.ts';
export * from './limits.ts';
export * from './merge-conflicts.ts';
export * from './ordering.ts';
export * from './progress.ts';
export * from './reasons.ts';
export * from './resolve.ts';
export * from './result.ts';
export * from './revisions.ts';
export * from './rollout-conflicts.ts';
export * from './rollout-log.ts';
export * from './rollout-status.ts';
export * from './state.ts';
export * from './temporal-ids.ts';
// Deterministic helpers for tests and simulations.
export * from './testing.ts';
// Rules shared by commands and views.
export * from './validation.ts';
export * from './variables.ts';
export * from './views/catalog.ts';
// Views.
export * from './views/customer-steps.ts';
export * from './views/event-content.ts';
export * from './views/history.ts';
export * from './views/inventory.ts';
export * from './views/matrix.ts';
export * from './views/matrix-in-slices.ts';
export * from './views/packed-step-states.ts';
export * from './views/rollout-history.ts';
export * from './views/template-impact.ts';
export * from './wave-completion.ts';
export * from './waves.ts';
