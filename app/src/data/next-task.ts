/**
 * Ends the current task and resumes in a new one, so the browser can paint and answer input between
 * slices of a long piece of work (opening a large release). `scheduler.yield` keeps the work ahead of
 * other queued tasks where the browser has it; a MessageChannel does not wait for a timer's 4 ms clamp.
 */
interface YieldingScheduler {
  yield(): Promise<void>;
}

export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<YieldingScheduler> }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
