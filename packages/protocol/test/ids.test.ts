import { idProblem, temporalIdProblem } from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import { entityIdProblem, entityIdSchema, runsheetIdSchema, temporalIdSchema } from '../src/index.ts';

const SAMPLES = [
  'release:abc',
  'release:a.b',
  'release:',
  'release:has space',
  `release:${'x'.repeat(64)}`,
  `release:${'x'.repeat(65)}`,
  `release:${'x'.repeat(300)}`,
  'cluster:abc',
  'customer:c1',
  'step:a',
  'step:a.b',
  'step:a.b.c',
  'banana',
  ':x',
  'template:t1',
  'wave:w-1',
  'wave:w.1@x~y',
  'bundle:',
  'app:a/b',
];

describe('id parameters', () => {
  it('accept exactly the Runsheet ids the domain accepts, and say why not in the domain’s words', () => {
    for (const type of ['release', 'cluster', 'customer', 'step'] as const) {
      const schema = runsheetIdSchema(type);
      for (const value of SAMPLES) {
        const parsed = schema.safeParse(value);
        const problem = value.length > 256 ? 'the id is too long' : idProblem(value, type);
        expect(parsed.success, `${type} ${value}`).toBe(problem === null);
        if (!parsed.success) expect(parsed.error.issues[0]!.message).toBe(problem);
      }
    }
  });

  it('accept exactly the Temporal ids the domain accepts', () => {
    for (const type of [undefined, 'release', 'wave'] as const) {
      const schema = temporalIdSchema(type);
      for (const value of SAMPLES)
        expect(schema.safeParse(value).success, `${type} ${value}`).toBe(
          value.length <= 256 && temporalIdProblem(value, type) === null,
        );
    }
  });

  it('accept, for /api/entities, Runsheet’s four types and Temporal’s three of its own', () => {
    for (const value of SAMPLES) {
      const parsed = entityIdSchema.safeParse(value);
      expect(parsed.success, value).toBe(entityIdProblem(value) === null);
      if (!parsed.success) expect(parsed.error.issues[0]!.message).toBe(entityIdProblem(value));
    }
    expect(entityIdProblem('template:t1')).toMatch(/not addressable/);
    expect(entityIdProblem('banana')).toMatch(/not of the form type:id/);
  });
});
