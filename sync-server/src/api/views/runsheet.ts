/**
 * How Runsheet's entities look in API responses (the shapes @runsheet/protocol states): plain JSON, every
 * one with its `source` ("runsheet"), so a client that also reads Temporal entities can tell the two `release:` / `cluster:` id spaces apart.
 */
import type {
  CatalogState,
  Cluster,
  Customer,
  CustomerStep,
  DomainState,
  Progress,
  Release,
  ReleaseId,
} from '@runsheet/domain';
import { releaseProgress, renderContent, variableContextFor } from '@runsheet/domain';
import type {
  ClusterView,
  CustomerView,
  ProgressView,
  ReleaseView,
  StepSummaryView,
  StepView,
} from '@runsheet/protocol';

export function releaseView(release: Release): ReleaseView {
  return {
    id: release.id,
    source: 'runsheet' as const,
    name: release.name,
    type: release.type,
    status: release.status,
    versionNumber: release.versionNumber,
    releaseDate: release.releaseDate,
    createdAt: release.createdAt,
    updatedAt: release.updatedAt,
    activatedAt: release.activatedAt,
  };
}

export function progressView(p: Progress): ProgressView {
  return {
    total: p.total,
    done: p.done,
    skipped: p.skipped,
    pending: p.pending,
    reverted: p.reverted,
    donePercent: p.donePercent,
    completePercent: p.completePercent,
  };
}

export function clusterView(cluster: Cluster): ClusterView {
  return {
    id: cluster.id,
    source: 'runsheet' as const,
    name: cluster.name,
    description: cluster.description,
    isActive: cluster.isActive,
    createdAt: cluster.createdAt,
    updatedAt: cluster.updatedAt,
  };
}

export function customerView(customer: Customer): CustomerView {
  return {
    id: customer.id,
    source: 'runsheet' as const,
    name: customer.name,
    namespace: customer.namespace,
    clusterId: customer.clusterId,
    isActive: customer.isActive,
    createdAt: customer.createdAt,
    updatedAt: customer.updatedAt,
  };
}

/** A step in a release's hierarchy: its status and who did what, without its (possibly long) content. */
export function stepSummaryView(step: CustomerStep): StepSummaryView {
  return {
    id: step.id,
    name: step.name,
    category: step.category,
    type: step.type,
    status: step.status,
    executedAt: step.executedAt,
    executedBy: step.executedBy,
    notes: step.notes,
    skipReason: step.skipReason,
    revertReason: step.revertReason,
    isCustom: step.isCustom,
  };
}

/**
 * One step in full, content and executed content included, and the content filled in for its customer
 * (VR-01..VR-06, the catalog as it is now), so a pipeline can run it as the app would copy it.
 */
export function stepView(step: CustomerStep, catalog: CatalogState): StepView {
  const rendered = renderContent(step.content, variableContextFor(catalog, step.releaseId, step.customerId));
  return {
    ...stepSummaryView(step),
    source: 'runsheet' as const,
    releaseId: step.releaseId,
    customerId: step.customerId,
    templateId: step.templateId,
    content: step.content,
    executedContent: step.executedContent,
    filledContent: rendered.text,
    unfilledVariables: [...new Set(rendered.unknown.map((u) => u.name))],
    isOverridden: step.isOverridden,
    statusAt: step.statusAt,
    updatedAt: step.updatedAt,
  };
}

export function overallProgress(state: DomainState, releaseId: ReleaseId): ProgressView {
  return progressView(releaseProgress(state, releaseId).overall);
}
