import { describe, expect, it } from 'vitest';
import {
  applyChange,
  type DomainState,
  emptyState,
  exportWorkspace,
  importWorkspace,
  MAX_LISTED_PROBLEMS,
  type ReadResult,
  readWorkspaceFile,
  serializeWorkspace,
  testContext,
} from '../../src/index.ts';
import { clone, rec, richWorld, type WireFile } from './fixtures.ts';

const NOW = '2026-03-01T12:00:00.000Z';

/** What the app does with a file: read, import as one command, apply; or nothing at all. */
function tryImport(state: DomainState, text: string): { state: DomainState; read: ReadResult } {
  const read = readWorkspaceFile(text, { now: NOW });
  if (!read.ok) return { state, read };
  const result = importWorkspace(state, read.file, testContext());
  return { state: result.ok ? applyChange(state, result.change) : state, read };
}

function baseFile(): WireFile {
  return JSON.parse(serializeWorkspace(exportWorkspace(richWorld().w.state, { exportedAt: NOW })));
}

function problemsOf(read: ReadResult) {
  if (read.ok) throw new Error('expected the file to be refused');
  return read.problems;
}

function existing(): DomainState {
  return richWorld().w.state;
}

describe('IO-03 malformed files are refused with the path of each bad field', () => {
  it.each([
    ['not JSON at all', 'hello, world', '', 'not-json'],
    ['a JSON list', '[]', '', 'not-runsheet'],
    ['another application’s JSON', '{"name":"x"}', 'format', 'not-runsheet'],
    [
      'a newer format version',
      '{"format":"runsheet-workspace","version":3}',
      'version',
      'version-unsupported',
    ],
    [
      'a version that is text',
      '{"format":"runsheet-workspace","version":"1"}',
      'version',
      'version-unsupported',
    ],
    [
      'a collection that is not a list',
      '{"format":"runsheet-workspace","version":1,"clusters":{"a":1}}',
      'clusters',
      'not-a-list',
    ],
    [
      'a record that is not an object',
      '{"format":"runsheet-workspace","version":1,"clusters":[42]}',
      'clusters[0]',
      'invalid-value',
    ],
  ])('IO-03 %s', (_what, text, path, code) => {
    const state = existing();
    const before = clone(state);
    const out = tryImport(state, text);
    expect(problemsOf(out.read)[0]).toMatchObject({ path, code });
    expect(out.state).toBe(state);
    expect(state).toEqual(before);
  });

  it('IO-03 a newer version says to update the app', () => {
    const out = tryImport(emptyState(), '{"format":"runsheet-workspace","version":7}');
    expect(problemsOf(out.read)[0]?.message).toMatch(/newer Runsheet.*Update the app/);
  });

  it('IO-03 wrong types, missing fields, rule violations and duplicate ids, each at its path', () => {
    const file = baseFile();
    rec(file, 'clusters', 0).isActive = 'yes';
    rec(file, 'customers', 2).namespace = 'Not A Namespace';
    delete rec(file, 'releases', 0).type;
    rec(file, 'templates', 1).content = 12;
    rec(file, 'releases', 1).releaseDate = '2026-02-30';
    file.customers.push(clone(rec(file, 'customers', 0)));
    const out = tryImport(emptyState(), JSON.stringify(file));
    expect(problemsOf(out.read).map((p) => [p.path, p.code])).toEqual([
      ['clusters[0].isActive', 'invalid-value'],
      ['customers[2].namespace', 'namespace-invalid'],
      ['customers[3]', 'duplicate-id'],
      ['releases[0].type', 'invalid-value'],
      ['releases[1].releaseDate', 'date-invalid'],
      ['templates[1].content', 'invalid-value'],
    ]);
    expect(out.state).toEqual(emptyState());
  });

  it('IO-03 a BOM at the start is read; sections the format does not know are reported, not imported', () => {
    const file = { ...baseFile(), extensions: { x: 1 } };
    const read = readWorkspaceFile(`\uFEFF${JSON.stringify(file)}`, { now: NOW });
    expect(read.ok).toBe(true);
    expect(read.ok && read.warnings).toEqual([expect.objectContaining({ path: 'extensions' })]);
  });

  it('IO-03 missing optional fields get their defaults (tolerant reader)', () => {
    const text = JSON.stringify({
      format: 'runsheet-workspace',
      version: 1,
      exportedAt: NOW,
      clusters: [{ id: 'cluster:a', name: 'prod' }],
      customers: [{ id: 'customer:b', clusterId: 'cluster:a', namespace: 'b-prod', name: 'B' }],
    });
    const out = tryImport(emptyState(), text);
    expect(out.state.catalog.clusters['cluster:a']).toEqual({
      id: 'cluster:a',
      name: 'prod',
      kubeconfigPath: null,
      description: '',
      isActive: true,
      metadata: {},
      createdAt: NOW,
      updatedAt: NOW,
    });
    expect(out.state.catalog.customers['customer:b']).toMatchObject({ isActive: true, metadata: {} });
  });
});

describe('IO-04 hostile files change nothing', () => {
  it('IO-04 a 50 MB file (one huge name) is refused with a clear reason; the workspace is unchanged', () => {
    const file = baseFile();
    rec(file, 'clusters', 1).name = 'x'.repeat(50 * 1024 * 1024);
    const text = JSON.stringify(file);
    expect(text.length).toBeGreaterThan(50 * 1024 * 1024);
    const state = existing();
    const before = clone(state);
    const out = tryImport(state, text);
    expect(problemsOf(out.read)).toEqual([
      { path: 'clusters[1].name', code: 'invalid-value', message: 'is too long (at most 100 characters)' },
    ]);
    expect(out.state).toBe(state);
    expect(state).toEqual(before);
  });

  it('IO-04 a file over the size limit is refused before it is parsed', () => {
    const read = readWorkspaceFile(`{"format":"runsheet-workspace","version":1,"x":"${'y'.repeat(2000)}"}`, {
      now: NOW,
      maxChars: 1000,
    });
    expect(problemsOf(read)).toEqual([
      expect.objectContaining({ code: 'file-too-large', message: expect.stringMatching(/up to 0\.0 MB/) }),
    ]);
  });

  it('IO-04 a million bad records: the list stops at the cap, the count is exact', () => {
    const junk = Array.from({ length: 20_000 }, (_, i) => ({ id: `cluster:c${i}`, name: '' }));
    const read = readWorkspaceFile(
      JSON.stringify({ format: 'runsheet-workspace', version: 1, clusters: junk }),
      {
        now: NOW,
      },
    );
    if (read.ok) throw new Error('expected refusal');
    expect(read.problems).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(read.totalProblems).toBe(20_000);
  });

  it('IO-04 deeply nested junk in an unknown field is refused at its path, without a stack overflow', () => {
    const depth = 50_000;
    const nested = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const text = `{"format":"runsheet-workspace","version":1,"clusters":[{"id":"cluster:a","name":"x","junk":${nested}}]}`;
    const out = tryImport(emptyState(), text);
    const [first] = problemsOf(out.read);
    // V8 parses deep JSON iteratively; the reader's own walk is iterative too and stops at the limit.
    expect(first?.code).toBe('too-deep');
    expect(first?.path.startsWith('clusters[0].junk.a.a')).toBe(true);
    expect(out.state).toEqual(emptyState());
  });

  it('IO-04 a list nested a million deep is not JSON this app reads, and nothing throws', () => {
    const out = tryImport(emptyState(), '['.repeat(1_000_000));
    expect(problemsOf(out.read)[0]?.code).toBe('not-json');
  });

  it('IO-04 a __proto__ key is refused and pollutes nothing', () => {
    const text =
      '{"format":"runsheet-workspace","version":1,"clusters":[{"id":"cluster:a","name":"x","__proto__":{"polluted":true}}]}';
    const out = tryImport(emptyState(), text);
    expect(problemsOf(out.read)[0]).toMatchObject({ path: 'clusters[0].__proto__', code: 'unsafe-key' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('IO-04 a step-state field that would break the flat step-state layout is refused', () => {
    const file = baseFile();
    rec(file, 'stepStates', 0)['status|x'] = 'done';
    const out = tryImport(emptyState(), JSON.stringify(file));
    expect(problemsOf(out.read)[0]).toMatchObject({ path: 'stepStates[0]["status|x"]', code: 'unsafe-key' });
  });

  it('IO-04 markup in names and content is data: imported exactly as written (escaping is the renderer’s job)', () => {
    const file = baseFile();
    const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    rec(file, 'clusters', 0).name = hostile;
    rec(file, 'templates', 0).content = `${hostile}\n\`\`\`\n# not a heading`;
    const out = tryImport(emptyState(), JSON.stringify(file));
    expect(out.read.ok).toBe(true);
    expect(Object.values(out.state.catalog.clusters).map((c) => c.name)).toContain(hostile);
  });
});
