// Finds pnpm, or installs it into ./.tools with npm when the machine has none (corepack fails on
// machines whose registry serves packages without npm signatures, so it is not used).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const PNPM_VERSION = '12';

function major(cmd) {
  const r = spawnSync(cmd, ['--version'], { encoding: 'utf8' });
  if (r.status !== 0) return 0;
  return Number.parseInt(r.stdout.trim().split('.')[0] ?? '0', 10);
}

/** The pnpm executable to use. */
export function ensurePnpm(root) {
  if (major('pnpm') >= 10) return 'pnpm';
  const local = join(root, '.tools', 'node_modules', '.bin', 'pnpm');
  if (existsSync(local) && major(local) >= 10) return local;
  console.log(`pnpm not found: installing pnpm@${PNPM_VERSION} into .tools/ with npm`);
  const r = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      join(root, '.tools'),
      '--no-save',
      '--no-audit',
      '--no-fund',
      `pnpm@${PNPM_VERSION}`,
    ],
    { stdio: 'inherit' },
  );
  if (r.status !== 0 || !existsSync(local)) {
    console.error('Could not install pnpm with npm. Install it yourself (npm i -g pnpm) and try again.');
    process.exit(1);
  }
  return local;
}
