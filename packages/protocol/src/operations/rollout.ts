/** A release's rollout in waves (WV-01..WV-09): read it, plan it, sign off and open gates, halt, resume. */
import { z } from 'zod';
import { runsheetIdSchema } from '../ids.ts';
import { defineOperation } from '../operation.ts';
import {
  AddWaveRequest,
  AssignToWaveRequest,
  PlanWavesRequest,
  RolloutAnswer,
  RolloutReasonRequest,
  SignOffRequest,
  UpdateWaveRequest,
  WaveAnswer,
} from '../schemas/rollout.ts';

const tag = 'Rollout';
const releaseParams = z.object({
  releaseId: runsheetIdSchema('release').meta({ description: 'A `release:` id' }),
});
const waveParams = releaseParams.extend({
  waveId: runsheetIdSchema('wave').meta({ description: 'A `wave:` id of that release' }),
});

const answer = { 200: { description: 'The rollout after the change', schema: RolloutAnswer } } as const;
const writeNotes = {
  forbidden: 'Viewers cannot change the rollout',
  'not-found': 'No such release',
} as const;
/** What every rollout write can meet: the release gone, archived or not active, text too long. */
const COMMON = ['forbidden', 'not-found', 'release-archived', 'text-too-long', 'invalid-input'] as const;
/** The refusals of a gate command (WV-06, WV-07) besides its own. */
const GATE = [
  ...COMMON,
  'release-not-active',
  'wave-not-found',
  'wave-has-no-gate',
  'rollout-halted',
  'gate-already-open',
  'previous-wave-not-open',
] as const;

export const rolloutOperations = {
  rollout: defineOperation({
    id: 'getRollout',
    method: 'GET',
    path: '/api/releases/:releaseId/rollout',
    access: 'signed-in',
    tag,
    summary:
      "Where the rollout stands: each wave's progress, whether it is open, complete or locked, its gate's conditions and which are met, sign-offs, and the halt",
    params: releaseParams,
    answers: { 200: { description: 'The rollout', schema: RolloutAnswer } },
    errors: ['not-found'],
  }),
  planWaves: defineOperation({
    id: 'planWaves',
    method: 'POST',
    path: '/api/releases/:releaseId/waves',
    access: 'signed-in',
    tag,
    summary:
      'Set the whole plan of waves (members and admins), before any step was done or skipped. An empty list removes the waves',
    params: releaseParams,
    body: PlanWavesRequest,
    answers: answer,
    errors: [
      ...COMMON,
      'rollout-started',
      'wave-name-taken',
      'name-required',
      'name-too-long',
      'customer-not-in-release',
      'customer-not-found',
      'customer-archived',
      'cluster-archived',
    ],
    errorNotes: writeNotes,
  }),
  addWave: defineOperation({
    id: 'addWave',
    method: 'POST',
    path: '/api/releases/:releaseId/add-wave',
    access: 'signed-in',
    tag,
    summary:
      'Add a wave at the end of the rollout (members and admins), at any time, with the customers the selection picks; it is closed until its gate opens',
    params: releaseParams,
    body: AddWaveRequest,
    answers: answer,
    errors: [
      ...COMMON,
      'too-many-waves',
      'wave-name-taken',
      'name-required',
      'name-too-long',
      'customer-has-work',
      'customer-not-in-release',
      'customer-not-found',
      'customer-archived',
      'cluster-archived',
    ],
    errorNotes: writeNotes,
  }),
  wave: defineOperation({
    id: 'getWave',
    method: 'GET',
    path: '/api/releases/:releaseId/waves/:waveId',
    access: 'signed-in',
    tag,
    summary:
      "One wave: its members, progress, whether it is open, complete or locked, its gate's conditions and which are met, and the halt",
    params: waveParams,
    answers: { 200: { description: 'The wave', schema: WaveAnswer } },
    errors: ['not-found', 'wave-not-found'],
  }),
  updateWave: defineOperation({
    id: 'updateWave',
    method: 'PATCH',
    path: '/api/releases/:releaseId/waves/:waveId',
    access: 'signed-in',
    tag,
    summary: "Rename a wave or change its gate's conditions (members and admins); what is not given stays",
    params: waveParams,
    body: UpdateWaveRequest,
    answers: answer,
    errors: [...COMMON, 'wave-not-found', 'wave-name-taken', 'name-required', 'name-too-long'],
    errorNotes: writeNotes,
  }),
  deleteWave: defineOperation({
    id: 'deleteWave',
    method: 'DELETE',
    path: '/api/releases/:releaseId/waves/:waveId',
    access: 'signed-in',
    tag,
    summary:
      'Remove a wave nobody worked in yet (members and admins); its customers move to the last wave that remains',
    params: waveParams,
    answers: answer,
    errors: [...COMMON, 'wave-not-found', 'wave-has-work'],
    errorNotes: writeNotes,
  }),
  assignToWave: defineOperation({
    id: 'assignToWave',
    method: 'POST',
    path: '/api/releases/:releaseId/waves/:waveId/members',
    access: 'signed-in',
    tag,
    summary:
      'Move the selected customers (by id, cluster or a metadata value) into a wave (members and admins); customers with work done move only into an open wave',
    params: waveParams,
    body: AssignToWaveRequest,
    answers: answer,
    errors: [
      ...COMMON,
      'wave-not-found',
      'no-customers-selected',
      'customer-has-work',
      'customer-not-in-release',
      'customer-not-found',
      'customer-archived',
      'cluster-archived',
    ],
    errorNotes: writeNotes,
  }),
  signOff: defineOperation({
    id: 'signOffGate',
    method: 'POST',
    path: '/api/releases/:releaseId/waves/:waveId/sign-off',
    access: 'signed-in',
    tag,
    summary:
      "Sign a wave's gate off (members and admins) once its other conditions are met; it opens the wave",
    params: waveParams,
    body: SignOffRequest,
    answers: answer,
    errors: [...GATE, 'gate-needs-no-sign-off', 'gate-already-signed-off', 'gate-not-ready'],
    errorNotes: { ...writeNotes, 'not-found': 'No such release' },
  }),
  openEarly: defineOperation({
    id: 'openGateEarly',
    method: 'POST',
    path: '/api/releases/:releaseId/waves/:waveId/open',
    access: 'admin',
    tag,
    summary: "Open a wave's gate before its conditions are met (admins), with a reason that is recorded",
    params: waveParams,
    body: RolloutReasonRequest,
    answers: answer,
    errors: [...GATE, 'open-needs-reason'],
  }),
  halt: defineOperation({
    id: 'haltRollout',
    method: 'POST',
    path: '/api/releases/:releaseId/halt',
    access: 'signed-in',
    tag,
    summary:
      'Halt the rollout with a reason (members and admins): every wave not complete locks until it is resumed',
    params: releaseParams,
    body: RolloutReasonRequest,
    answers: answer,
    errors: [...COMMON, 'release-not-active', 'halt-needs-reason', 'rollout-halted'],
    errorNotes: writeNotes,
  }),
  resume: defineOperation({
    id: 'resumeRollout',
    method: 'POST',
    path: '/api/releases/:releaseId/resume',
    access: 'signed-in',
    tag,
    summary: 'Resume a halted rollout with a reason (members and admins)',
    params: releaseParams,
    body: RolloutReasonRequest,
    answers: answer,
    errors: [...COMMON, 'release-not-active', 'resume-needs-reason', 'rollout-not-halted'],
    errorNotes: writeNotes,
  }),
};
