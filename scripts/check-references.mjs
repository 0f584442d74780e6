#!/usr/bin/env node
// Self-contained references: a person who clones the repository must be able to follow every reference
// in it. Fails (exit 1) when a tracked file names a document that lives outside the repository, or when a
// relative link in a Markdown file points to a file (or a heading) that does not exist.
//   node scripts/check-references.mjs
// Plain Node, no dependency: it runs in the lint stage of `npm test` (scripts/run.mjs).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// The patterns are assembled from pieces so that this file does not match itself.
const md = '\\.md\\b';
const OUTSIDE = [
  { re: new RegExp(`\\.\\./${'shared'}\\b`), why: 'a folder beside the repository' },
  {
    re: new RegExp(`\\b(${['DESIGN', 'STYLE', 'TOOLCHAIN'].join('|')})${md}`),
    why: 'a document outside the repository',
  },
  {
    re: new RegExp(`\\b(${['functional', 'technical', 'temporal'].join('|')})[- ]spec`, 'i'),
    why: 'a specification outside the repository',
  },
  { re: new RegExp(`\\b${'seeds'}/`), why: 'a folder outside the repository' },
  { re: new RegExp(`\\b${'design'} doc\\b`, 'i'), why: 'a document outside the repository' },
  { re: new RegExp(`${'§'}\\s?\\d`), why: 'a section number of a document outside the repository' },
];

const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', 'test-results', 'playwright-report', 'data']);
const BINARY = /\.(png|jpe?g|gif|webp|ico|woff2?|ttf|otf|pdf|zip|gz|br|sqlite|db|wasm)$/i;

/** Tracked files (`git ls-files`); without git (an unpacked archive), every file outside build output. */
function listFiles() {
  try {
    const out = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
    return out.split('\0').filter((f) => f && existsSync(join(root, f)));
  } catch {
    const files = [];
    const walk = (dir) => {
      for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
        const path = dir ? `${dir}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (!SKIP_DIRS.has(entry.name)) walk(path);
        } else files.push(path);
      }
    };
    walk('');
    return files;
  }
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
function slug(heading) {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

const anchorCache = new Map();
/** The anchors a Markdown file offers (duplicate headings get -1, -2, … as on GitHub). */
function anchorsOf(file) {
  if (anchorCache.has(file)) return anchorCache.get(file);
  const anchors = new Set();
  const seen = new Map();
  let fenced = false;
  for (const line of readFileSync(join(root, file), 'utf8').split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = !fenced && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = slug(heading[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  anchorCache.set(file, anchors);
  return anchors;
}

/** Problems of the relative links of one Markdown file (links inside code are not links). */
function checkLinks(file, text) {
  const problems = [];
  let fenced = false;
  text.split('\n').forEach((line, index) => {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      return;
    }
    if (fenced) return;
    const prose = line.replace(/`[^`]*`/g, '');
    for (const match of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      const target = match[1];
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:, …
      const [pathPart, anchor] = target.split('#');
      const path = decodeURIComponent(pathPart.split('?')[0]);
      const resolved = path
        ? posix.normalize(path.startsWith('/') ? path.slice(1) : posix.join(posix.dirname(file), path))
        : file;
      const where = `${file}:${index + 1}`;
      if (resolved.startsWith('..') || !existsSync(join(root, resolved))) {
        problems.push(`${where}: link to ${target}: no such file in the repository`);
        continue;
      }
      if (anchor && resolved.endsWith('.md') && statSync(join(root, resolved)).isFile()) {
        if (!anchorsOf(resolved).has(anchor.toLowerCase()))
          problems.push(`${where}: link to ${target}: ${resolved} has no heading #${anchor}`);
      }
    }
  });
  return problems;
}

function check() {
  const problems = [];
  const files = listFiles().filter((f) => !BINARY.test(f));
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    if (text.includes('\0')) continue;
    text.split('\n').forEach((line, index) => {
      for (const { re, why } of OUTSIDE) {
        const hit = re.exec(line);
        if (hit)
          problems.push(`${file}:${index + 1}: "${hit[0]}" cites ${why}; say it in the project's own words`);
      }
    });
    if (file.endsWith('.md')) problems.push(...checkLinks(file, text));
  }
  return { problems, count: files.length };
}

const { problems, count } = check();
if (problems.length > 0) {
  console.error(`${problems.length} reference(s) a clone of the repository cannot follow:`);
  for (const p of problems) console.error(`  ${p}`);
  console.error(
    'Replace each with a file in the repository (docs/SPEC.md rule ids, docs/ARCHITECTURE.md sections).',
  );
  process.exit(1);
}
console.log(
  `${count} files: every reference stays inside the repository (${relative(process.cwd(), root) || '.'}).`,
);
