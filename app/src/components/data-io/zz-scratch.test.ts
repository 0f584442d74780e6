import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { planAndBuild, readImportFile } from './import-pipeline.ts';

const mem = () => Math.round(process.memoryUsage().heapUsed / 1e6);
it('pipeline', () => {
  let peak = 0;
  const iv = setInterval(() => {
    peak = Math.max(peak, mem());
  }, 5);
  const base = mem();
  let t = performance.now();
  let text: string | null = readFileSync('/tmp/dur/big.json', 'utf8');
  const read = readImportFile(text, new Date().toISOString());
  text = null;
  if (!read.ok) throw new Error('x');
  console.log('read', Math.round(performance.now() - t), mem() - base);
  t = performance.now();
  let last = 0;
  const out = planAndBuild(read.file, [], {
    onProgress: (p) => {
      peak = Math.max(peak, mem());
      if (p.done && p.done - last > 20000) {
        last = p.done;
      }
    },
  });
  if (!out.ok) throw new Error(out.message);
  console.log(
    'build',
    Math.round(performance.now() - t),
    mem() - base,
    'peak',
    peak - base,
    out.docs.map((d) => [d.name, d.pieces.length, d.pieces.reduce((a, p) => a + p.length, 0)]),
  );
  clearInterval(iv);
}, 600_000);
