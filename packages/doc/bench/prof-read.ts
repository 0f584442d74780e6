import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { readRelease } from '../src/index.ts';

const bytes = readFileSync('/tmp/log50k.bin');
const { releaseId } = JSON.parse(readFileSync('/tmp/log50k.json', 'utf8'));
for (let i = 0; i < 3; i++) {
  const doc = new Y.Doc();
  let t = performance.now();
  Y.applyUpdate(doc, bytes);
  const apply = performance.now() - t;
  t = performance.now();
  const state = readRelease(doc, releaseId);
  console.log(
    'apply',
    apply.toFixed(0),
    'read',
    (performance.now() - t).toFixed(0),
    Object.keys(state.stepStates).length,
    state.events.length,
  );
}
