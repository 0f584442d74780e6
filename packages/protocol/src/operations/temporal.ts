/** Temporal-driven releases, read from the server's mirror (never from Temporal per request). */
import { z } from 'zod';
import { temporalIdSchema } from '../ids.ts';
import { defineOperation } from '../operation.ts';
import {
  TemporalEntityAnswer,
  TemporalEntityQuery,
  TemporalReleaseAnswer,
  TemporalReleaseListAnswer,
  TemporalReleaseQuery,
  TemporalReleasesQuery,
} from '../schemas/temporal.ts';

const tag = 'Temporal releases';
const notConfigured = {
  'temporal-not-configured': 'The server does not read Temporal (TEMPORAL_ADDRESS unset)',
};

export const temporalOperations = {
  releases: defineOperation({
    id: 'listTemporalReleases',
    method: 'GET',
    path: '/api/temporal/releases',
    access: 'signed-in',
    tag,
    summary: 'Temporal-driven releases (from the mirror of the release workflows), newest first',
    query: TemporalReleasesQuery,
    answers: { 200: { description: 'A page', schema: TemporalReleaseListAnswer } },
    errors: ['temporal-not-configured'],
    errorNotes: notConfigured,
  }),
  release: defineOperation({
    id: 'getTemporalRelease',
    method: 'GET',
    path: '/api/temporal/releases/:releaseId',
    access: 'signed-in',
    tag,
    summary:
      'One Temporal release: its whole hierarchy depth-first (Release → Wave → Cluster → Bundle → App), paginated',
    params: z.object({
      releaseId: temporalIdSchema('release').meta({ description: 'A Temporal `release:` id' }),
    }),
    query: TemporalReleaseQuery,
    answers: { 200: { description: 'The hierarchy', schema: TemporalReleaseAnswer } },
    errors: ['not-found', 'temporal-not-configured'],
    errorNotes: notConfigured,
  }),
  entity: defineOperation({
    id: 'getTemporalEntity',
    method: 'GET',
    path: '/api/temporal/entities/:id',
    access: 'signed-in',
    tag,
    summary: 'One Temporal entity (any of the five types) with its ancestors and a page of its children',
    params: z.object({ id: temporalIdSchema().meta({ description: 'entity-type:id' }) }),
    query: TemporalEntityQuery,
    answers: { 200: { description: 'The entity', schema: TemporalEntityAnswer } },
    errors: ['not-found', 'ambiguous-entity', 'temporal-not-configured'],
    errorNotes: { ...notConfigured, 'ambiguous-entity': 'Found in several releases: add `?release=`' },
  }),
};
