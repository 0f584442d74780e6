import type { CommandContext } from '@runsheet/domain';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LocalData } from '@/data';
import { workspaceApi } from './workspace-context';

/** A local data core that only records the context each command was run with. */
function recordingLocal(): { local: LocalData; contexts: CommandContext[] } {
  const contexts: CommandContext[] = [];
  const ran = async (_command: unknown, _input: unknown, ctx: CommandContext) => {
    contexts.push(ctx);
    return { ok: true as const, value: undefined, change: { ops: [] } };
  };
  return { local: { runCommand: ran, runNamed: ran } as unknown as LocalData, contexts };
}

describe('the one write path', () => {
  // The actor is read from this device's storage at each command (who signed in last).
  beforeEach(() => {
    const items = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => items.set(key, value),
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('WV-07 runs every command with the signed-in role, so admin-only commands refuse a member anywhere', async () => {
    const { local, contexts } = recordingLocal();
    let role: 'admin' | 'member' | undefined = 'member';
    const api = workspaceApi(
      local,
      () => true,
      () => role,
      'device:test',
    );
    await api.runNamed('openGateEarly', { releaseId: 'release:r', waveId: 'wave:w', reason: 'now' } as never);
    role = 'admin';
    await api.run((() => ({ ok: true })) as never, {});
    role = undefined;
    await api.run((() => ({ ok: true })) as never, {});
    expect(contexts.map((c) => c.actor.role)).toEqual(['member', 'admin', undefined]);
    expect(contexts.every((c) => c.device === 'device:test')).toBe(true);
  });

  it('SY-05 refuses every command while writes are not allowed, without running it', async () => {
    const { local, contexts } = recordingLocal();
    const api = workspaceApi(
      local,
      () => false,
      () => 'viewer',
      'device:test',
    );
    const result = await api.runNamed('markDone', {} as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'read-only' } });
    expect(contexts).toEqual([]);
  });
});
