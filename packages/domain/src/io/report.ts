/**
 * A release report as data (IO-14): progress per cluster and category (complete first, done beside,
 * PR-02), every skipped and reverted step with its reason, every override with the template content it
 * replaced, and who did what when, from the history (HI-01). The app renders it as a printable page and
 * as Markdown; both escape what people typed, this module does not (it is data, not markup).
 */
import type { Release } from '../entities/release.ts';
import type { HistoryEvent } from '../entities/step-event.ts';
import type { StepCategory, StepStatus } from '../enums.ts';
import type { ClusterId, CustomerId, ReleaseId, StepId } from '../ids.ts';
import { compareStrings } from '../ordering.ts';
import { type CustomerProgress, type GroupProgress, releaseProgress } from '../progress.ts';
import { overrideOf } from '../revisions.ts';
import type { DomainState } from '../state.ts';
import { resolveCustomerSteps } from '../views/customer-steps.ts';
import { customersInClusterOrder } from './release-csv.ts';
import { isStatusEvent, lastStatusEvents } from './step-actors.ts';

/** Where a step runs: the customer with its cluster and namespace, and the step's name. */
export interface ReportStepRef {
  stepId: StepId;
  customerId: CustomerId;
  customer: string;
  cluster: string;
  namespace: string;
  step: string;
  category: StepCategory;
}

export interface ReportReasonEntry extends ReportStepRef {
  reason: string;
  who: string;
  when: string;
}

export interface ReportOverride extends ReportStepRef {
  status: StepStatus;
  templateName: string;
  /** The template's content now (the "original", BR-S02). */
  templateContent: string;
  overrideContent: string;
}

export interface ReportExecution extends ReportStepRef {
  eventId: HistoryEvent['id'];
  at: string;
  who: string;
  kind: HistoryEvent['kind'];
  /** The reason or notes given with it. */
  detail: string;
}

export interface ReportCustomer {
  customerId: CustomerId;
  name: string;
  namespace: string;
  progress: CustomerProgress;
}

export interface ReportCluster {
  clusterId: ClusterId;
  name: string;
  progress: GroupProgress;
  customers: ReportCustomer[];
}

export interface ReleaseReport {
  release: Release;
  generatedAt: string;
  overall: GroupProgress;
  byCategory: Record<StepCategory, GroupProgress>;
  clusters: ReportCluster[];
  skipped: ReportReasonEntry[];
  reverted: ReportReasonEntry[];
  overrides: ReportOverride[];
  executions: ReportExecution[];
}

export function releaseReport(
  state: DomainState,
  releaseId: ReleaseId,
  generatedAt: string,
): ReleaseReport | null {
  const release = state.catalog.releases[releaseId];
  if (!release) return null;
  const doc = state.releases[releaseId];
  const progress = releaseProgress(state, releaseId);
  const actors = lastStatusEvents(doc);
  const report: ReleaseReport = {
    release,
    generatedAt,
    overall: progress.overall,
    byCategory: progress.byCategory,
    clusters: [],
    skipped: [],
    reverted: [],
    overrides: [],
    executions: [],
  };
  const refs = new Map<StepId, ReportStepRef>();
  const participants = Object.keys(doc?.participants ?? {}) as CustomerId[];
  const ordered = customersInClusterOrder(state.catalog, participants);
  for (const customer of ordered) {
    const cluster = state.catalog.clusters[customer.clusterId];
    const clusterName = cluster?.name ?? customer.clusterId;
    const customerProgress = progress.byCustomer[customer.id];
    const groupProgress = progress.byCluster[customer.clusterId];
    if (customerProgress && groupProgress) {
      let group = report.clusters.find((c) => c.clusterId === customer.clusterId);
      if (!group) {
        group = { clusterId: customer.clusterId, name: clusterName, progress: groupProgress, customers: [] };
        report.clusters.push(group);
      }
      group.customers.push({
        customerId: customer.id,
        name: customer.name,
        namespace: customer.namespace,
        progress: customerProgress,
      });
    }
    for (const step of resolveCustomerSteps(state, releaseId, customer.id)) {
      const ref: ReportStepRef = {
        stepId: step.id,
        customerId: customer.id,
        customer: customer.name,
        cluster: clusterName,
        namespace: customer.namespace,
        step: step.name,
        category: step.category,
      };
      refs.set(step.id, ref);
      const event = actors.get(step.id);
      const who = event?.byName ?? step.executedBy ?? '';
      const when = event?.at ?? step.statusAt ?? '';
      if (step.status === 'skipped')
        report.skipped.push({ ...ref, reason: step.skipReason ?? '', who, when });
      if (step.status === 'reverted')
        report.reverted.push({ ...ref, reason: step.revertReason ?? '', who, when });
      const state = doc?.stepStates[step.id];
      const template = step.templateId ? doc?.templates[step.templateId] : undefined;
      if (step.isOverridden && template) {
        report.overrides.push({
          ...ref,
          status: step.status,
          templateName: template.name,
          templateContent: template.content,
          overrideContent: overrideOf(state, doc?.revisions ?? {}).content ?? template.content,
        });
      }
    }
  }
  for (const e of doc?.events ?? []) {
    if (!isStatusEvent(e) || !e.stepId) continue;
    const ref = refs.get(e.stepId);
    if (!ref) continue;
    const detail = e.detail.reason ?? e.detail.notes ?? '';
    report.executions.push({ ...ref, eventId: e.id, at: e.at, who: e.byName, kind: e.kind, detail });
  }
  report.executions.sort((a, b) => compareStrings(a.at, b.at));
  return report;
}
