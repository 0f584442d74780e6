/**
 * Complete entities and raw ops for tests of the document layer, which must not depend on the domain's
 * commands: these write exactly what a command's change would.
 */
import type {
  CatalogOp,
  Cluster,
  ClusterId,
  ContentRevision,
  Customer,
  CustomerId,
  CustomStep,
  HistoryEvent,
  Release,
  ReleaseId,
  ReleaseOp,
  RevId,
  StepId,
  StepState,
  StepTemplate,
  TemplateId,
  Wave,
  WaveId,
} from '@runsheet/domain';

export const T0 = '2025-01-01T00:00:00.000Z';

export function cluster(id: ClusterId, name: string, at = T0): Cluster {
  return {
    id,
    name,
    kubeconfigPath: null,
    description: '',
    isActive: true,
    metadata: {},
    createdAt: at,
    updatedAt: at,
  };
}

export function customer(id: CustomerId, clusterId: ClusterId, namespace: string, at = T0): Customer {
  return {
    id,
    clusterId,
    namespace,
    name: namespace,
    description: '',
    isActive: true,
    metadata: {},
    createdAt: at,
    updatedAt: at,
  };
}

export function release(id: ReleaseId, name: string, at = T0): Release {
  return {
    id,
    name,
    type: 'release',
    status: 'draft',
    versionNumber: '1.0.0',
    releaseDate: null,
    description: '',
    metadata: {},
    createdAt: at,
    updatedAt: at,
    activatedAt: null,
    archivedFrom: null,
    clonedFrom: null,
  };
}

export function template(
  id: TemplateId,
  releaseId: ReleaseId,
  name: string,
  order: string,
  category: StepTemplate['category'] = 'deploy',
  at = T0,
): StepTemplate {
  return {
    id,
    releaseId,
    name,
    category,
    type: 'bash',
    content: `echo ${name}`,
    description: '',
    order,
    createdAt: at,
    updatedAt: at,
    deletedAt: null,
  };
}

export function customStep(
  id: StepId,
  releaseId: ReleaseId,
  customerId: CustomerId,
  name: string,
  order: string,
  at = T0,
): CustomStep {
  return {
    id,
    releaseId,
    customerId,
    name,
    category: 'deploy',
    type: 'text',
    content: `do ${name}`,
    description: '',
    order,
    createdAt: at,
    createdBy: 'user:test',
    updatedAt: at,
    deletedAt: null,
  };
}

export function event(
  id: HistoryEvent['id'],
  releaseId: ReleaseId,
  stepId: StepId | null,
  kind: HistoryEvent['kind'],
  at = T0,
): HistoryEvent {
  return {
    id,
    releaseId,
    kind,
    at,
    by: 'user:test',
    byName: 'Test',
    device: 'device:test',
    stepId,
    customerId: null,
    templateId: null,
    after: null,
    from: null,
    to: null,
    detail: {},
  };
}

export function wave(id: WaveId, releaseId: ReleaseId, name: string, order: string, at = T0): Wave {
  return {
    id,
    releaseId,
    name,
    order,
    gatePreviousComplete: true,
    gateVerifyComplete: false,
    gateSoakMinutes: 0,
    gateSignOff: false,
    createdAt: at,
    updatedAt: at,
    deletedAt: null,
  };
}

export const ops = {
  cluster: (value: Partial<Cluster> & { id: ClusterId }): CatalogOp => ({
    doc: 'catalog',
    op: 'put-cluster',
    id: value.id,
    fields: value,
  }),
  customer: (value: Partial<Customer> & { id: CustomerId }): CatalogOp => ({
    doc: 'catalog',
    op: 'put-customer',
    id: value.id,
    fields: value,
  }),
  release: (value: Partial<Release> & { id: ReleaseId }): CatalogOp => ({
    doc: 'catalog',
    op: 'put-release',
    id: value.id,
    fields: value,
  }),
  template: (releaseId: ReleaseId, value: Partial<StepTemplate> & { id: TemplateId }): ReleaseOp => ({
    doc: 'release',
    releaseId,
    op: 'put-template',
    id: value.id,
    fields: value,
  }),
  customStep: (releaseId: ReleaseId, value: Partial<CustomStep> & { id: StepId }): ReleaseOp => ({
    doc: 'release',
    releaseId,
    op: 'put-custom-step',
    id: value.id,
    fields: value,
  }),
  participant: (releaseId: ReleaseId, customerId: CustomerId, at = T0): ReleaseOp => ({
    doc: 'release',
    releaseId,
    op: 'put-participant',
    id: customerId,
    value: { customerId, addedAt: at, addedBy: 'user:test' },
  }),
  stepState: (
    releaseId: ReleaseId,
    id: StepId,
    fields: StepState,
    unset?: Array<keyof StepState>,
  ): ReleaseOp => ({
    doc: 'release',
    releaseId,
    op: 'put-step-state',
    id,
    fields,
    ...(unset ? { unset } : {}),
  }),
  revision: (releaseId: ReleaseId, id: RevId, value: ContentRevision): ReleaseOp => ({
    doc: 'release',
    releaseId,
    op: 'put-revision',
    id,
    value,
  }),
  event: (value: HistoryEvent): ReleaseOp => ({
    doc: 'release',
    releaseId: value.releaseId,
    op: 'append-event',
    event: value,
  }),
  wave: (releaseId: ReleaseId, value: Partial<Wave> & { id: WaveId }): ReleaseOp => ({
    doc: 'release',
    releaseId,
    op: 'put-wave',
    id: value.id,
    fields: value,
  }),
  waveMember: (releaseId: ReleaseId, customerId: CustomerId, waveId: WaveId): ReleaseOp => ({
    doc: 'release',
    releaseId,
    op: 'put-wave-member',
    id: customerId,
    waveId,
  }),
};
