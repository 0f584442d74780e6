/**
 * The large update worker (SE-01d): checks a large first sync step 2 and cuts it into slices off the
 * relay's event loop. Bundled as dist/large-update-worker.js beside dist/main.js.
 */
import { serveJobs } from '../workers/worker-jobs.ts';
import { checkAndSlice } from './large-update.ts';

serveJobs(checkAndSlice, (answer) =>
  'slices' in answer ? [...new Set(answer.slices.map((s) => s.buffer as ArrayBuffer))] : [],
);
