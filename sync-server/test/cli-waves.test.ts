import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testContext, updateCustomer } from '@runsheet/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, setUpAdmin, signedInUser } from './helpers/api-client.ts';
import { runProgram } from './helpers/run-program.ts';
import { type Seeded, seedRelease } from './helpers/seed.ts';
import { makeTempDir } from './helpers/temp-dir.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

const BIN = join(import.meta.dirname, '..', '..', 'packages', 'cli', 'bin', 'runsheet.mjs');

interface RolloutAnswer {
  rollout: {
    waves: Array<{ id: string; name: string; customerIds: string[]; open: boolean; lock: string | null }>;
    halted: { reason: string } | null;
  };
}

describe('WV-13 the runsheet CLI plans and runs a rollout through the REST wave routes (real server, real SQLite)', () => {
  let t: TestServer;
  let admin: ApiClient;
  let member: ApiClient;
  const tokens = { admin: '', member: '', viewer: '' };
  let s: Seeded;
  let clusterNames: string[];
  let dir: { path: string; remove(): void };
  /** The CLI as a pipeline runs it: server and token from the environment. */
  const cli = (who: keyof typeof tokens, ...args: string[]) =>
    runProgram(process.execPath, [BIN, ...args], {
      PATH: process.env.PATH,
      HOME: dir.path,
      RUNSHEET_SERVER: t.url,
      RUNSHEET_TOKEN: tokens[who],
    });
  const rollout = async () =>
    (await member.get<RolloutAnswer>(`/api/releases/${s.releaseId}/rollout`)).body.rollout;
  const membersByName = async () =>
    Object.fromEntries((await rollout()).waves.map((w) => [w.name, [...w.customerIds].sort()]));
  const c = (i: number) => s.customerIds[i] as string;

  beforeAll(async () => {
    t = await startTestServer({ env: { RUNSHEET_OPEN: '0' } });
    admin = await setUpAdmin(t.url);
    member = await signedInUser(admin, 'mo', 'member');
    const viewer = await signedInUser(admin, 'vi', 'viewer');
    for (const [who, client] of [
      ['admin', admin],
      ['member', member],
      ['viewer', viewer],
    ] as const)
      tokens[who] = (await client.post<{ secret: string }>('/api/tokens', { name: 'pipeline' })).body.secret;
    s = await seedRelease(t.server, { clusters: 2, customersPerCluster: 2, templates: 2, name: 'Autumn' });
    const ctx = testContext();
    for (const [i, tier] of [
      [0, 'canary'],
      [3, 'early'],
    ] as const) {
      const r = await t.server.workspace.run(updateCustomer, { customerId: c(i), metadata: { tier } }, ctx);
      if (!r.ok) throw new Error(r.error.code);
    }
    clusterNames = s.clusterIds.map((id) => t.server.workspace.state.catalog.clusters[id]?.name ?? id);
    dir = makeTempDir('cli-waves');
  });
  afterAll(() => {
    dir?.remove();
    return t.dispose();
  });

  it('WV-13 plan-waves --by-cluster: one wave per cluster, by name or in the order given; waves lists them with their gates', async () => {
    const res = await cli('member', 'plan-waves', 'Autumn', '--by-cluster', '--sign-off');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(await membersByName()).toEqual({
      [clusterNames[0]!]: [c(0), c(1)].sort(),
      [clusterNames[1]!]: [c(2), c(3)].sort(),
    });
    const list = await cli('viewer', 'waves', 'Autumn');
    expect(list.code).toBe(0);
    expect(list.stdout).toBe(
      [
        `1\t${clusterNames[0]}\topen\t2 customers\t0/4 steps complete\tfirst wave`,
        `2\t${clusterNames[1]}\tclosed\t2 customers\t0/4 steps complete\twaits for previous-complete, sign-off`,
        '',
      ].join('\n'),
    );
    expect(res.stdout).toBe(list.stdout);
    const reversed = await cli(
      'member',
      'plan-waves',
      'Autumn',
      '--by-cluster',
      '--clusters',
      `${clusterNames[1]},${clusterNames[0]}`,
    );
    expect(reversed.code).toBe(0);
    expect((await rollout()).waves.map((w) => w.name)).toEqual([clusterNames[1], clusterNames[0]]);
    const json = JSON.parse((await cli('viewer', 'waves', 'Autumn', '--json')).stdout);
    expect(json.waves.map((w: { name: string }) => w.name)).toEqual([clusterNames[1], clusterNames[0]]);
  });

  it('WV-13 plan-waves --by-metadata KEY --values: one wave per value in that order, the rest in --rest', async () => {
    const res = await cli(
      'member',
      'plan-waves',
      'Autumn',
      '--by-metadata',
      'tier',
      '--values',
      'canary,early',
      '--rest',
      'Everyone else',
    );
    expect(res.code).toBe(0);
    expect(await membersByName()).toEqual({
      canary: [c(0)],
      early: [c(3)],
      'Everyone else': [c(1), c(2)].sort(),
    });
    const noValues = await cli('member', 'plan-waves', 'Autumn', '--by-metadata', 'tier');
    expect(noValues.code).toBe(1);
    expect(noValues.stderr).toContain('[usage]');
    const two = await cli('member', 'plan-waves', 'Autumn', '--by-cluster', '--by-metadata', 'tier');
    expect(two.stderr).toContain('[usage]');
  });

  it('WV-13 plan-waves --file: YAML with names, JSON in the API’s own shape; a bad file or name says why', async () => {
    const yaml = join(dir.path, 'plan.yaml');
    writeFileSync(
      yaml,
      [
        'waves:',
        '  - name: Canary',
        '    customers: [Customer 0-0]',
        '  - name: Europe',
        `    clusters: ["${clusterNames[0]}"]`,
        '    gate: { signOff: true }',
        '  - name: Rest',
        '',
      ].join('\n'),
    );
    const res = await cli('member', 'plan-waves', 'Autumn', '--file', yaml);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(await membersByName()).toEqual({
      Canary: [c(0)],
      Europe: [c(1)],
      Rest: [c(2), c(3)].sort(),
    });
    expect(res.stdout.split('\n')[1]).toBe(
      '2\tEurope\tclosed\t1 customer\t0/2 steps complete\twaits for previous-complete, sign-off',
    );

    const json = join(dir.path, 'plan.json');
    writeFileSync(json, JSON.stringify([{ name: 'Only', select: { customerIds: [c(2)] } }]));
    expect((await cli('member', 'plan-waves', 'Autumn', '--file', json)).code).toBe(0);
    expect(await membersByName()).toEqual({ Only: [c(0), c(1), c(2), c(3)].sort() });

    writeFileSync(json, '{ not json');
    expect((await cli('member', 'plan-waves', 'Autumn', '--file', json)).stderr).toContain('[bad-plan]');
    writeFileSync(json, JSON.stringify({ waves: [{ name: 'X', customers: ['Nobody'] }] }));
    expect((await cli('member', 'plan-waves', 'Autumn', '--file', json)).stderr).toContain('[not-found]');
    writeFileSync(json, JSON.stringify({ waves: [{ name: 'A' }, { name: 'a' }] }));
    const taken = await cli('member', 'plan-waves', 'Autumn', '--file', json);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/\(field waves\.1\.name\) \[wave-name-taken\]/);
    // Viewers read, never plan.
    expect((await cli('viewer', 'plan-waves', 'Autumn', '--file', yaml)).stderr).toContain('[forbidden]');
    // Back to the three waves for what follows.
    expect((await cli('member', 'plan-waves', 'Autumn', '--file', yaml)).code).toBe(0);
  });

  it('WV-13 wave shows one wave through its own route; add-wave puts one at the end with the customers picked', async () => {
    const one = await cli('viewer', 'wave', 'Autumn', 'Europe');
    expect(one.code).toBe(0);
    expect(one.stdout).toBe(
      '2\tEurope\tclosed\t1 customer\t0/2 steps complete\twaits for previous-complete, sign-off\n',
    );
    const europe = (await rollout()).waves.find((w) => w.name === 'Europe');
    const byId = JSON.parse((await cli('viewer', 'wave', s.releaseId, europe?.id ?? '', '--json')).stdout);
    expect(byId.wave.name).toBe('Europe');
    expect((await cli('viewer', 'wave', 'Autumn', 'Nowhere')).stderr).toContain('[not-found]');
    // By its position in the rollout too.
    expect((await cli('viewer', 'wave', 'Autumn', '2')).stdout).toBe(one.stdout);

    const added = await cli(
      'member',
      'add-wave',
      'Autumn',
      'Late',
      '--customers',
      'Customer 1-1',
      '--sign-off',
      '--soak',
      '30',
    );
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(await membersByName()).toEqual({ Canary: [c(0)], Europe: [c(1)], Rest: [c(2)], Late: [c(3)] });
    expect(added.stdout.split('\n')[3]).toBe(
      '4\tLate\tclosed\t1 customer\t0/2 steps complete\twaits for previous-complete, soak, sign-off',
    );
    const again = await cli('member', 'add-wave', 'Autumn', 'late');
    expect(again.stderr).toContain('[wave-name-taken]');
    expect((await cli('member', 'add-wave', 'Autumn', 'X', '--metadata', 'tier')).stderr).toContain(
      '[usage]',
    );
  });

  it('WV-13 sign-off, open-early, halt and resume: the same routes and reason codes as the API', async () => {
    const early = await cli('member', 'sign-off', 'Autumn', 'Europe');
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('[gate-not-ready]');
    // Admins only: the API refuses members before the command runs.
    expect((await cli('member', 'open-early', 'Autumn', 'Europe', '--reason', 'go')).stderr).toContain(
      '[forbidden]',
    );
    expect((await cli('admin', 'open-early', 'Autumn', 'Europe')).stderr).toContain('[open-needs-reason]');

    // Run the canary wave with the CLI, then sign Europe off.
    for (const step of ['Step 0', 'Step 1'])
      expect((await cli('member', 'done', 'Autumn', 'Customer 0-0', step)).code).toBe(0);
    expect((await cli('viewer', 'sign-off', 'Autumn', 'Europe')).stderr).toContain('[forbidden]');
    const signed = await cli('member', 'sign-off', 'Autumn', 'Europe', '--note', 'canary clean');
    expect(signed.stderr).toBe('');
    expect(signed.stdout.split('\n').slice(0, 2)).toEqual([
      '1\tCanary\tcomplete\t1 customer\t2/2 steps complete\tfirst wave',
      '2\tEurope\topen\t1 customer\t0/2 steps complete\topened by sign-off; signed off by mo (canary clean)',
    ]);

    const opened = await cli('admin', 'open-early', 'Autumn', 'Rest', '--reason', 'hotfix for Rest');
    expect(opened.code).toBe(0);
    expect(opened.stdout.split('\n')[2]).toBe(
      '3\tRest\topen\t1 customer\t0/2 steps complete\topened by early; opened early by Ada: hotfix for Rest',
    );

    expect((await cli('member', 'halt', 'Autumn')).stderr).toContain('[halt-needs-reason]');
    const halted = await cli('member', 'halt', 'Autumn', '--reason', 'error rate up');
    expect(halted.code).toBe(0);
    expect(halted.stdout.split('\n')[0]).toBe('halted by mo: error rate up');
    expect(halted.stdout).toContain('2\tEurope\thalted\t');
    expect((await rollout()).halted?.reason).toBe('error rate up');
    const refused = await cli('member', 'done', 'Autumn', 'Customer 0-1', 'Step 0');
    expect(refused.stderr).toContain('[rollout-halted]');
    expect((await cli('member', 'halt', 'Autumn', '--reason', 'again')).stderr).toContain('[rollout-halted]');
    const resumed = await cli('member', 'resume', 'Autumn', '--reason', 'rate back to normal');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).not.toContain('halted by');
    expect((await rollout()).halted).toBeNull();
    expect((await cli('member', 'resume', 'Autumn', '--reason', 'x')).stderr).toContain(
      '[rollout-not-halted]',
    );

    // A step ran: the whole plan can no longer be replaced.
    const late = await cli('member', 'plan-waves', 'Autumn', '--by-cluster');
    expect(late.code).toBe(1);
    expect(late.stderr).toContain('[rollout-started]');
  });
});
