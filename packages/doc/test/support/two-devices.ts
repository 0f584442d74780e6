/**
 * Two (or more) devices with their own documents and workspaces, running real domain commands while
 * apart, then meeting: the harness of the named merge scenarios (scenarios.test.ts,
 * rollout-scenarios.test.ts). Each device has its own Yjs client id, device name and actor.
 */
import { type CommandResult, type ReleaseId, type TestContext, testContext } from '@runsheet/domain';
import { expect } from 'vitest';
import * as Y from 'yjs';
import { CATALOG, type Command, Workspace } from '../../src/index.ts';

export function must<T>(result: CommandResult<T>): T {
  if (!result.ok) throw new Error(`refused: ${result.error.code}`);
  return result.value;
}

export interface Device {
  ws: Workspace;
  ctx: TestContext;
  /** Runs a command a second after the last one; throws when it refuses. */
  run<I, T>(command: Command<I, T>, input: I): T;
  /** Runs a command that must refuse; returns its reason code. */
  refused<I, T>(command: Command<I, T>, input: I): string;
}

export function device(index: number): Device {
  const makeDoc = () => {
    const doc = new Y.Doc();
    doc.clientID = index;
    return doc;
  };
  const ws = new Workspace({ catalog: makeDoc(), createDoc: makeDoc });
  const ctx = testContext({ device: `dev${index}`, actor: { id: `user:${index}`, name: `User ${index}` } });
  return {
    ws,
    ctx,
    run(command, input) {
      ctx.tick();
      return must(ws.run(command, input, ctx));
    },
    refused(command, input) {
      ctx.tick();
      const result = ws.run(command, input, ctx);
      if (result.ok) throw new Error('expected a refusal');
      return result.error.code;
    },
  };
}

/** Everything `from` has that `to` lacks. */
export function send(from: Device, to: Device): void {
  for (const [name, doc] of from.ws.docs()) {
    const target = name === CATALOG ? to.ws.catalog : to.ws.openRelease(name as ReleaseId);
    Y.applyUpdate(target, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(target)), 'remote');
  }
}

export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([x], [y]) => (x < y ? -1 : 1))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}

/**
 * Runs `apart` on a fresh setup twice, merging A-then-B and B-then-A; both devices must agree.
 * Returns the merged setups, A-first first.
 */
export function mergedBothWays<S extends { a: Device; b: Device }>(
  setup: () => S,
  apart: (s: S) => void,
): S[] {
  return [true, false].map((aFirst) => {
    const s = setup();
    apart(s);
    if (aFirst) {
      send(s.a, s.b);
      send(s.b, s.a);
    } else {
      send(s.b, s.a);
      send(s.a, s.b);
    }
    expect(JSON.stringify(sortKeys(s.a.ws.state))).toBe(JSON.stringify(sortKeys(s.b.ws.state)));
    return s;
  });
}
