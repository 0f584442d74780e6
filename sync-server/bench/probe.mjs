// Loaded into a relay process with `node --import ./bench/probe.mjs`: answers the benchmark's "stats"
// message over the IPC channel with the process's own CPU time, memory (process.cpuUsage and RSS) and its
// event-loop delay since the previous answer (how long messages waited for the relay to get to them).
import { monitorEventLoopDelay } from 'node:perf_hooks';

if (process.send) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  process.on('message', (message) => {
    if (message !== 'stats') return;
    process.send({
      cpu: process.cpuUsage(),
      rss: process.memoryUsage().rss,
      loopDelayMs: { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 },
    });
    delay.reset();
  });
  // The IPC channel must not keep a relay alive that would otherwise exit.
  process.channel?.unref();
}
