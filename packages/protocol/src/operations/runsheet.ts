/** Runsheet's tracked releases: reading them, and driving steps from automation. */
import { z } from 'zod';
import { entityIdSchema, runsheetIdSchema } from '../ids.ts';
import { defineOperation } from '../operation.ts';
import { HistoryAttestationsAnswer } from '../schemas/audit.ts';
import { EntityAnswer, EntityQuery } from '../schemas/entities.ts';
import {
  MarkDoneRequest,
  ReasonRequest,
  ReleaseDetailAnswer,
  ReleaseDetailQuery,
  ReleaseListAnswer,
  ReleasesQuery,
  StepAnswer,
  StepReadAnswer,
} from '../schemas/runsheet.ts';

const tag = 'Runsheet releases';
const releaseParams = z.object({
  releaseId: runsheetIdSchema('release').meta({ description: 'A `release:` id' }),
});
const stepParams = releaseParams.extend({
  stepId: runsheetIdSchema('step').meta({ description: 'A `step:` id' }),
});

const STEP_REFUSALS = [
  'forbidden',
  'not-found',
  'step-not-found',
  'customer-archived',
  'release-archived',
  'step-already-done',
  'step-already-skipped',
  'step-locked',
  'step-not-done',
  'text-too-long',
  'skip-needs-reason',
  'revert-needs-reason',
  // A rollout in waves (WV-05, WV-08): the step's wave is not open yet, or the rollout is halted.
  'wave-not-open',
  'rollout-halted',
] as const;
const stepNotes = {
  forbidden: 'Viewers cannot change steps',
  'not-found': 'No such release',
} as const;

export const runsheetOperations = {
  releases: defineOperation({
    id: 'listReleases',
    method: 'GET',
    path: '/api/releases',
    access: 'signed-in',
    tag,
    summary: 'Tracked releases, newest first',
    query: ReleasesQuery,
    answers: { 200: { description: 'A page of releases', schema: ReleaseListAnswer } },
  }),
  release: defineOperation({
    id: 'getRelease',
    method: 'GET',
    path: '/api/releases/:releaseId',
    access: 'signed-in',
    tag,
    summary: 'One release: its progress, and a page of its customers grouped by cluster, each with its steps',
    params: releaseParams,
    query: ReleaseDetailQuery,
    answers: { 200: { description: 'The release hierarchy', schema: ReleaseDetailAnswer } },
    errors: ['not-found'],
  }),
  historyAttestations: defineOperation({
    id: 'listHistoryAttestations',
    method: 'GET',
    path: '/api/releases/:releaseId/history-attestations',
    access: 'signed-in',
    tag,
    summary:
      'Who the server received each history entry of a release from (SE-11): the signed-in sender beside the actor the entry names',
    params: releaseParams,
    answers: {
      200: { description: 'Attestations, in the order received', schema: HistoryAttestationsAnswer },
    },
    errors: ['not-found'],
  }),
  frozenRelease: defineOperation({
    id: 'getFrozenRelease',
    method: 'GET',
    path: '/api/releases/:releaseId/frozen',
    access: 'signed-in',
    tag,
    summary:
      'The frozen snapshot of an archived release (FZ-07): the whole release in the compact form devices keep, instead of its document',
    description:
      'The bytes of `freezeRelease` (packages/doc): magic `RSFZ`, a format version, the SHA-256 of the body, the body. ' +
      'The ETag is that hash (hex, quoted); `If-None-Match` with it answers 304. Viewers may read it.',
    params: releaseParams,
    answers: {
      200: {
        description: 'The snapshot',
        binary: 'application/octet-stream',
        headers: { ETag: 'The SHA-256 of the snapshot body, hex, quoted' },
      },
    },
    errors: ['not-found', 'not-frozen'],
    errorNotes: {
      'not-found': 'No such release',
      'not-frozen': 'The release is not archived, or its snapshot is not written yet',
    },
  }),
  step: defineOperation({
    id: 'getStep',
    method: 'GET',
    path: '/api/releases/:releaseId/steps/:stepId',
    access: 'signed-in',
    tag,
    summary: 'One step of a release in full: its status, who did what, its content and executed content',
    params: stepParams,
    answers: { 200: { description: 'The step', schema: StepReadAnswer } },
    errors: ['not-found'],
    errorNotes: { 'not-found': 'No such release, or no such step in it' },
  }),
  markDone: defineOperation({
    id: 'markStepDone',
    method: 'POST',
    path: '/api/releases/:releaseId/steps/:stepId/done',
    access: 'signed-in',
    tag,
    summary:
      'Mark a step done (members and admins). Runs the same domain command as the app; every connected device sees it',
    params: stepParams,
    body: MarkDoneRequest,
    answers: { 200: { description: 'The step after the change', schema: StepAnswer } },
    errors: STEP_REFUSALS,
    errorNotes: stepNotes,
  }),
  skip: defineOperation({
    id: 'skipStep',
    method: 'POST',
    path: '/api/releases/:releaseId/steps/:stepId/skip',
    access: 'signed-in',
    tag,
    summary: 'Skip a step, with a reason (members and admins)',
    params: stepParams,
    body: ReasonRequest,
    answers: { 200: { description: 'The step after the change', schema: StepAnswer } },
    errors: STEP_REFUSALS,
    errorNotes: stepNotes,
  }),
  revert: defineOperation({
    id: 'revertStep',
    method: 'POST',
    path: '/api/releases/:releaseId/steps/:stepId/revert',
    access: 'signed-in',
    tag,
    summary: 'Revert a done step, with a reason (members and admins)',
    params: stepParams,
    body: ReasonRequest,
    answers: { 200: { description: 'The step after the change', schema: StepAnswer } },
    errors: STEP_REFUSALS,
    errorNotes: stepNotes,
  }),
  entity: defineOperation({
    id: 'getEntity',
    method: 'GET',
    path: '/api/entities/:id',
    access: 'signed-in',
    tag: 'Entities',
    summary:
      'One entity by typed id: `release:`, `cluster:`, `customer:` (Runsheet), or `wave:`, `bundle:`, `app:` (Temporal). A step is read under its release',
    params: z.object({ id: entityIdSchema.meta({ description: 'entity-type:id' }) }),
    query: EntityQuery,
    answers: {
      200: {
        description: '`{entity}`; Temporal entities also `path`, `children`, `nextCursor`, `mirror`',
        schema: EntityAnswer,
      },
    },
    errors: ['not-found', 'invalid-id', 'ambiguous-entity', 'temporal-not-configured'],
    errorNotes: {
      'ambiguous-entity': 'A Temporal id found in several releases: add `?release=`',
      'temporal-not-configured': 'A Temporal id while the server does not read Temporal',
    },
  }),
};
