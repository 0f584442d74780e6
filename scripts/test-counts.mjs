// Counts the tests the runners report, so `npm test` can close on one plain line that any reader of
// CI logs understands: "Tests: N passed, N failed, N skipped". Each runner prints its own summary in its
// own shape (vitest: "Tests  1 failed | 343 passed (344)", Playwright: "238 passed (27.6m)", "2 failed",
// "1 skipped", "3 flaky"); the output is read as it streams by, never rewritten.
import { spawn } from 'node:child_process';

// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character starts every colour code.
const ANSI = /\u001b\[[0-9;]*m/g;
const VITEST = /\bTests\s+((?:\d+ [a-z]+(?: \| )?)+)\s*\(\d+\)/;
const PLAYWRIGHT = /^\s*(\d+) (passed|failed|flaky|skipped|did not run)(?: \([^)]*\))?\s*$/;

/** Running totals over every stage that reported. */
export function createTestCounter() {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const add = (kind, n) => {
    if (kind === 'passed' || kind === 'flaky') totals.passed += n;
    else if (kind === 'failed') totals.failed += n;
    else totals.skipped += n; // skipped, todo, did not run
  };
  return {
    totals,
    /** Reads one line of a runner's output. */
    scan(rawLine) {
      const line = rawLine.replace(ANSI, '');
      const vitest = VITEST.exec(line);
      if (vitest) {
        for (const part of vitest[1].split('|')) {
          const [n, kind] = part.trim().split(' ');
          add(kind, Number(n));
        }
        return;
      }
      const playwright = PLAYWRIGHT.exec(line);
      if (playwright) add(playwright[2], Number(playwright[1]));
    },
    /** The closing line: alone on its line, in the plain form CI log readers look for. */
    line() {
      return `Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
    },
  };
}

/**
 * Runs a command, passing its output through as it comes and showing each line to `scan`.
 * Resolves to the exit status (a signal counts as 1).
 */
export function runTee(cmd, args, options, scan) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { ...options, stdio: ['inherit', 'pipe', 'pipe'] });
    const reader = (stream, out) => {
      let rest = '';
      stream.on('data', (chunk) => {
        out.write(chunk);
        const text = rest + chunk.toString('utf8');
        const lines = text.split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) scan(line);
      });
      stream.on('end', () => {
        if (rest) scan(rest);
      });
    };
    reader(child.stdout, process.stdout);
    reader(child.stderr, process.stderr);
    child.on('error', (error) => {
      console.error(String(error));
      resolve(1);
    });
    child.on('close', (status, signal) => resolve(signal ? 1 : (status ?? 1)));
  });
}
