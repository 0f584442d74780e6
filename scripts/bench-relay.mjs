// The relay as the benchmarks start it: `node sync-server/dist/main.js` in a process of its own on a free
// loopback port (PORT 0), as users run it, resolved once it prints "listening on". One copy for the relay's
// benchmarks (sync-server/bench/harness.ts adds its stats probe) and the app's browser benchmarks.
import { spawn } from 'node:child_process';
import { once } from 'node:events';

const START_TIMEOUT_MS = 60_000;

/**
 * Starts `script` (a built server's main.js; the caller names it, because a bundled caller's
 * `import.meta.url` is its bundle's, not this file's) with `env` over a bare environment (PATH, HOST 127.0.0.1,
 * PORT 0: nothing of the caller's environment, such as a DATABASE_URL, leaks in unless passed), `nodeArgs`
 * before it, and an IPC channel when `ipc` is set.
 */
export async function startRelay({ script, env = {}, nodeArgs = [], ipc = false }) {
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    // A relay that never says it listens (a hung start) ends the benchmark, not hangs it.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk) => {
      // Kept for a failure's message: the last 64 KB is enough and a chatty relay does not grow it.
      output = (output + chunk.toString()).slice(-65_536);
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}):\n${output}`));
    });
  });
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    url,
    child,
    output: () => output,
    gone,
    async stop(signal = 'SIGTERM') {
      if (gone()) return;
      const exited = once(child, 'exit');
      child.kill(signal);
      // One that does not stop in 10 s is killed: a benchmark never waits on its relay for ever.
      const hard = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(hard);
    },
  };
}
