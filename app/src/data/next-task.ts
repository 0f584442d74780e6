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
  return laterTask();
}

/**
 * Ends the current task and resumes after the tasks already queued, React's renders among them: for
 * work that must not hold back what is about to be painted (RM-08). A loop on `nextTask` does: Chromium
 * runs every `scheduler.yield` continuation before any ordinary task, so a page's render waits until
 * the whole loop has ended (measured: a render posted beside 20 slices of 15 ms ran after all 20,
 * at 305 ms). A MessageChannel message is an ordinary task, queued behind the renders posted before it.
 */
export function laterTask(): Promise<void> {
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

/**
 * Resumes once the page is idle (what was queued has run and a frame has painted), or after `timeoutMs`
 * at the latest: for work that should start only after a first paint (RM-08).
 */
export function idleTask(timeoutMs: number): Promise<void> {
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o: { timeout: number }) => number })
    .requestIdleCallback;
  if (typeof idle !== 'function') return laterTask();
  return new Promise((resolve) => {
    idle(() => resolve(), { timeout: timeoutMs });
  });
}
