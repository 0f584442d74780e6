import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, setUpAdmin, signedInUser } from './helpers/api-client.ts';
import { runProgram } from './helpers/run-program.ts';
import { type Seeded, seedRelease } from './helpers/seed.ts';
import { makeTempDir } from './helpers/temp-dir.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

const BIN = join(import.meta.dirname, '..', '..', 'packages', 'cli', 'bin', 'runsheet.mjs');

describe('the runsheet CLI against a real server (real SQLite), only through the REST API', () => {
  let t: TestServer;
  let admin: ApiClient;
  let member: ApiClient;
  let token: string;
  let s: Seeded;
  let home: { path: string; remove(): void };
  let waveIds: string[];
  /** The CLI with only the saved login (no RUNSHEET_* variables). */
  const cli = (...args: string[]) =>
    runProgram(process.execPath, [BIN, ...args], {
      PATH: process.env.PATH,
      HOME: home.path,
      XDG_CONFIG_HOME: join(home.path, 'config'),
    });

  beforeAll(async () => {
    t = await startTestServer({ env: { RUNSHEET_OPEN: '0' } });
    admin = await setUpAdmin(t.url);
    member = await signedInUser(admin, 'mo', 'member');
    token = (await member.post<{ secret: string }>('/api/tokens', { name: 'pipeline' })).body.secret;
    s = await seedRelease(t.server, { clusters: 1, customersPerCluster: 2, templates: 2, name: 'Spring' });
    const plan = await member.post<{ rollout: { waves: Array<{ id: string }> } }>(
      `/api/releases/${s.releaseId}/waves`,
      {
        waves: [
          { name: 'Canary', select: { customerIds: [s.customerIds[0]] } },
          { name: 'Rest', gate: { signOff: true } },
        ],
      },
    );
    waveIds = plan.body.rollout.waves.map((w) => w.id);
    home = makeTempDir('cli');
  });
  afterAll(() => {
    home?.remove();
    return t.dispose();
  });

  it('login checks the token first, then saves server and token readable by the owner only', async () => {
    const bad = await cli('login', '--server', t.url, '--token', 'rs_nope');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^runsheet: .*\[unauthenticated\]/);
    const notSignedIn = await cli('releases');
    expect(notSignedIn.stderr).toContain('[no-login]');
    const ok = await cli('login', '--server', t.url, '--token', token);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/signed in to .* as mo \(member\)/);
    const file = join(home.path, 'config', 'runsheet', 'config.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ server: t.url, token });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('lists releases', async () => {
    const res = await cli('releases');
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(`${s.releaseId}\trelease\tactive\t1.0\tSpring\n`);
  });

  it('prints a step’s script filled in for the customer, ready to pipe into bash', async () => {
    const res = await cli('script', 'Spring', 'Customer 0-0', 'Step 0');
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('echo 0 ns-0-0\n');
    const bash = await runProgram('bash', [], { PATH: process.env.PATH }, res.stdout);
    expect(bash.stdout).toBe('0 ns-0-0\n');
    // By ids and by namespace too.
    const byIds = await cli('script', s.releaseId, 'ns-0-1', s.templateIds[1]!.replace('template:', 'x'));
    expect(byIds.code).toBe(1);
    expect(byIds.stderr).toContain('[not-found]');
    const other = await cli('script', s.releaseId, 'ns-0-1', 'step 1');
    expect(other.stdout).toBe('echo 1 ns-0-1\n');
  });

  it('marks done with a note, refuses with the reason code, skips and reverts with a reason', async () => {
    const closed = await cli('done', 'Spring', 'Customer 0-1', 'Step 0');
    expect(closed.code).toBe(1);
    expect(closed.stderr).toMatch(/\[wave-not-open\]/);
    const done = await cli('done', 'Spring', 'Customer 0-0', 'Step 0', '--note', 'ran by CI #42');
    expect(done.code).toBe(0);
    expect(done.stdout).toBe('Step 0: done\n');
    const step = await member.get<{ step: { notes: string; executedBy: string } }>(
      `/api/releases/${s.releaseId}/steps/${s.firstStep}`,
    );
    expect(step.body.step).toMatchObject({ notes: 'ran by CI #42', executedBy: 'mo' });
    const twice = await cli('done', 'Spring', 'Customer 0-0', 'Step 0');
    expect(twice.stderr).toContain('[step-already-done]');
    const noReason = await cli('skip', 'Spring', 'Customer 0-0', 'Step 1');
    expect(noReason.code).toBe(1);
    expect(noReason.stderr).toContain('[skip-needs-reason]');
    expect((await cli('skip', 'Spring', 'Customer 0-0', 'Step 1', '--note', 'n/a here')).stdout).toBe(
      'Step 1: skipped\n',
    );
    const reverted = await cli('revert', 'Spring', 'Customer 0-0', 'Step 0', '--note', 'wrong image');
    expect(reverted.stdout).toBe('Step 0: reverted\n');
    // Done again: the canary wave is complete, so the next gate waits only for its sign-off.
    expect((await cli('done', 'Spring', 'Customer 0-0', 'Step 0')).code).toBe(0);
  });

  it('wait-gate: 3 on timeout, 0 once the gate opens, 2 while halted, 1 for an unknown wave', async () => {
    const timeout = await cli('wait-gate', 'Spring', 'Rest', '--timeout', '0.5', '--interval', '0.1');
    expect(timeout.code).toBe(3);
    expect(timeout.stderr).toContain('Rest waits for sign-off');
    const waiting = cli('wait-gate', 'Spring', 'Rest', '--timeout', '30', '--interval', '0.2');
    await new Promise((r) => setTimeout(r, 500));
    const signed = await member.post(`/api/releases/${s.releaseId}/waves/${waveIds[1]}/sign-off`, {});
    expect(signed.status).toBe(200);
    const opened = await waiting;
    expect(opened.code).toBe(0);
    expect(opened.stderr).toContain('Rest is open');

    await admin.post(`/api/releases/${s.releaseId}/halt`, { reason: 'error rate up' });
    const halted = await cli('wait-gate', 'Spring', 'Rest');
    expect(halted.code).toBe(2);
    expect(halted.stderr).toBe('halted by Ada: error rate up\n');
    const unknown = await cli('wait-gate', 'Spring', 'Nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('[not-found]');
  });

  it('RUNSHEET_SERVER / RUNSHEET_TOKEN override the saved login', async () => {
    const res = await runProgram(process.execPath, [BIN, 'releases'], {
      PATH: process.env.PATH,
      HOME: join(home.path, 'elsewhere'),
      RUNSHEET_SERVER: t.url,
      RUNSHEET_TOKEN: 'rs_wrong',
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('[unauthenticated]');
  });
});
