// Loaded into a relay process with `node --import ./bench/probe.mjs`: answers the benchmark's "stats"
// message over the IPC channel with the process's own CPU time and memory (process.cpuUsage and RSS).
if (process.send) {
  process.on('message', (message) => {
    if (message === 'stats') process.send({ cpu: process.cpuUsage(), rss: process.memoryUsage().rss });
  });
  // The IPC channel must not keep a relay alive that would otherwise exit.
  process.channel?.unref();
}
