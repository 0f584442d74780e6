import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as domain from '../src/index.ts';
import {
  COMMANDS,
  commandNamed,
  defineCommand,
  idSchema,
  isCommandName,
  markDone,
  ok,
  releaseIdOf,
  templateStepId,
  testContext,
} from '../src/index.ts';
import { activeWorld } from './helpers.ts';

describe('the command registry', () => {
  it('CM-01: every command the package exports is in the registry under the name it was defined with', () => {
    const defined = Object.entries(domain).filter(
      ([, value]) => typeof value === 'function' && 'spec' in value,
    ) as Array<[string, domain.DefinedCommand]>;
    expect(defined.length).toBeGreaterThan(30);
    for (const [exported, command] of defined) {
      expect(command.spec.name, `export ${exported}`).toBe(exported);
      expect(isCommandName(command.spec.name), exported).toBe(true);
      expect(COMMANDS[command.spec.name as domain.CommandName]).toBe(command);
    }
    for (const [name, command] of Object.entries(COMMANDS)) expect(command.spec.name).toBe(name);
    expect(isCommandName('toString')).toBe(false);
    expect(isCommandName('noSuchCommand')).toBe(false);
  });

  it('CM-02: the input names the release to open; catalog commands and bad input name none', () => {
    const releaseId = 'release:r1';
    const stepId = 'step:s1';
    expect(releaseIdOf(COMMANDS.markDone, { releaseId, stepId })).toBe(releaseId);
    expect(releaseIdOf(COMMANDS.skipStep, { releaseId, stepId, reason: 'x' })).toBe(releaseId);
    expect(releaseIdOf(COMMANDS.revertStep, { releaseId, stepId, reason: 'x' })).toBe(releaseId);
    expect(releaseIdOf(COMMANDS.resumeRollout, { releaseId, reason: 'x' })).toBe(releaseId);
    expect(releaseIdOf(COMMANDS.createCluster, { name: 'c' })).toBeUndefined();
    expect(releaseIdOf(COMMANDS.createRelease, { name: 'r', type: 'hotfix' })).toBeUndefined();
    // Bad input opens nothing: the command itself says what is wrong.
    expect(releaseIdOf(COMMANDS.markDone, { releaseId: 'nope', stepId } as never)).toBeUndefined();
    // Every command whose schema has a release id says so.
    for (const [name, command] of Object.entries(COMMANDS)) {
      const shape = (command.spec.input as unknown as { shape?: Record<string, unknown> }).shape;
      if (shape && 'releaseId' in shape) expect(command.spec.releaseId, name).toBeDefined();
    }
  });

  it('CM-03: input that fails the schema is refused before the rule runs, with the field to show it beside', () => {
    let ran = 0;
    const probe = defineCommand({
      name: 'probe',
      input: z.object({ releaseId: idSchema('release') }),
      releaseId: (i) => i.releaseId,
      run: () => {
        ran++;
        return ok({ ops: [] });
      },
    });
    const r = probe(domain.emptyState(), { releaseId: 'cluster:x' as never }, testContext());
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid-input');
      expect(r.error.field).toBe('releaseId');
    }
    expect(ran).toBe(0);
    expect(probe(domain.emptyState(), { releaseId: 'release:x' }, testContext()).ok).toBe(true);
    expect(ran).toBe(1);
  });

  it('CM-01: a command looked up by name is the command itself (same rules, same result)', () => {
    const { w, r: releaseId, a, d1 } = activeWorld();
    const stepId = templateStepId(a, d1);
    const byName = commandNamed('markDone')(w.state, { releaseId, stepId }, w.ctx);
    const direct = markDone(w.state, { releaseId, stepId }, w.ctx);
    expect(byName.ok).toBe(true);
    expect(byName).toEqual(direct);
  });
});
