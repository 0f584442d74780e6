/**
 * The server the API fuzz stage (scripts/fuzz.mjs) runs Schemathesis against: the real server on
 * 127.0.0.1, port 0, real SQLite in a temporary directory, sign-in required, with data to reach: a seeded
 * active release (clusters, customers, steps), an admin and a member, each with an API token.
 *
 * Prints one JSON line `{"url", "tokens": {"admin", "member"}, "ids": {...}}` on stdout once it serves (the
 * ids of what exists, so the fuzzer can name real releases, steps, users and tokens), then serves until
 * SIGTERM or SIGINT, and on the way out prints `{"serverErrors": n}`: what the server logged at error level
 * (a 500 anywhere shows here too, with its stack, on stderr).
 */
import { templateStepId } from '@runsheet/domain';
import { seedRelease } from '../test/helpers/seed.ts';
import { startTestServer } from '../test/helpers/test-server.ts';

const t = await startTestServer({ env: { RUNSHEET_OPEN: '0' } });
const seeded = await seedRelease(t.server, { clusters: 2, customersPerCluster: 2, templates: 3 });
const { users, tokens } = t.server.auth;
const admin = await users.create({ username: 'fuzz-admin', password: 'fuzz-admin-password', role: 'admin' });
const member = await users.create({
  username: 'fuzz-member',
  password: 'fuzz-member-password',
  role: 'member',
});
const adminToken = await tokens.create(admin.id, 'fuzz admin');
const memberToken = await tokens.create(member.id, 'fuzz member');

console.log(
  JSON.stringify({
    url: t.url,
    tokens: { admin: adminToken.secret, member: memberToken.secret },
    ids: {
      releases: [seeded.releaseId],
      steps: seeded.customerIds.flatMap((customer) =>
        seeded.templateIds.map((template) => templateStepId(customer, template)),
      ),
      entities: [seeded.releaseId, ...seeded.clusterIds, ...seeded.customerIds],
      users: { admin: admin.id, member: member.id },
      tokens: { admin: adminToken.token.id, member: memberToken.token.id },
    },
  }),
);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  const errors = t.logs.filter(([level]) => level === 'error');
  for (const entry of errors) console.error('server error:', ...entry.slice(1));
  console.log(JSON.stringify({ serverErrors: errors.length }));
  await t.dispose();
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
