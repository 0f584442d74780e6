import {
  activateRelease,
  addTemplate,
  createCluster,
  createCustomer,
  createRelease,
  type DomainState,
  emptyState,
  markDone,
  overrideStep,
  type ReleaseId,
  releaseReport,
  run,
  setNotes,
  skipStep,
  templateStepId,
  testContext,
} from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import { mdFence, mdText } from './escape.ts';
import { reportMarkdown } from './markdown.ts';

const HOSTILE = '<script>alert(1)</script> **bold** [x](javascript:alert(1)) | col & `tick`';

/** A release where every piece of text a person can type is hostile. */

function hostileWorld(): { state: DomainState; releaseId: ReleaseId } {
  const ctx = testContext();
  let state = emptyState();
  const step = <T>(r: Parameters<typeof run<T>>[1]) => {
    const out = run(state, r);
    state = out.state;
    return out.value;
  };
  const { clusterId } = step(createCluster(state, { name: `${HOSTILE} cluster` }, ctx));
  const { customerId } = step(
    createCustomer(state, { clusterId, name: `${HOSTILE}\nsecond line`, namespace: 'acme' }, ctx),
  );
  const { releaseId } = step(createRelease(state, { name: `# ${HOSTILE}`, type: 'hotfix' }, ctx));
  const t1 = step(
    addTemplate(
      state,
      { releaseId, name: HOSTILE, category: 'deploy', type: 'bash', content: 'echo ```\nrm -rf /' },
      ctx,
    ),
  ).templateId;
  const t2 = step(
    addTemplate(
      state,
      { releaseId, name: 'Second', category: 'deploy', type: 'bash', content: 'echo a' },
      ctx,
    ),
  ).templateId;
  const t3 = step(
    addTemplate(state, { releaseId, name: 'Third', category: 'verify', type: 'text', content: 'look' }, ctx),
  ).templateId;
  step(activateRelease(state, { releaseId }, ctx));
  step(markDone(state, { releaseId, stepId: templateStepId(customerId, t1), notes: HOSTILE }, ctx));
  step(
    skipStep(
      state,
      { releaseId, stepId: templateStepId(customerId, t2), reason: `${HOSTILE}\n| injected | row |` },
      ctx,
    ),
  );
  step(
    overrideStep(
      state,
      {
        releaseId,
        stepId: templateStepId(customerId, t3),
        content: 'look ````harder````\n</code></pre><script>x</script>',
      },
      ctx,
    ),
  );
  step(setNotes(state, { releaseId, stepId: templateStepId(customerId, t3), notes: 'n' }, ctx));
  return { state, releaseId };
}

describe('IO-15 the Markdown report escapes what people typed', () => {
  it('IO-15 inline text: markup characters are backslash-escaped and line breaks cannot start new blocks', () => {
    expect(mdText('<b>**x**</b> | [a](b)\n# h')).toBe('\\<b\\>\\*\\*x\\*\\*\\</b\\> \\| \\[a\\](b) # h');
    // Block markers only count at the start of a line; there they are escaped too.
    expect(mdText('# not a heading')).toBe('\\# not a heading');
    expect(mdText('1. not a list')).toBe('1\\. not a list');
    expect(mdText('v2.5.0 - ok')).toBe('v2.5.0 - ok');
  });

  it('IO-15 a fence is longer than any run of backticks inside it', () => {
    expect(mdFence('a ```` b', 'diff')).toBe('`````diff\na ```` b\n`````');
  });

  it('IO-15 a hostile release renders as text: no raw HTML, no injected table rows, fences intact', () => {
    const { state, releaseId } = hostileWorld();
    const report = releaseReport(state, releaseId, '2026-03-01T10:00:00.000Z');
    if (!report) throw new Error('no report');
    const md = reportMarkdown(report);
    // Outside code fences no raw "<" survives, so no tag can be formed.
    const outsideFences = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1$/gm, '');
    expect(outsideFences).not.toMatch(/(^|[^\\])</);
    expect(outsideFences).not.toMatch(/(^|[^\\])\[x\]/);
    expect(md).toContain('# Release report: \\# \\<script\\>alert(1)\\</script\\>');
    // The skipped table has its header, its separator and exactly one row.
    const skipped = md.split('## Skipped steps (1)')[1]?.split('##')[0] ?? '';
    expect(skipped.trim().split('\n')).toHaveLength(3);
    expect(skipped).toContain('\\| injected \\| row \\|');
    // The override diff sits in a fence longer than the content's own backtick runs.
    expect(md).toContain('`````diff\n--- template\n+++ override for');
    expect(md).toContain('+look ````harder````');
    expect(md).toContain('+</code></pre><script>x</script>\n`````');
  });

  it('IO-14 the Markdown has every section, complete before done', () => {
    const { state, releaseId } = hostileWorld();
    const report = releaseReport(state, releaseId, '2026-03-01T10:00:00.000Z');
    if (!report) throw new Error('no report');
    const md = reportMarkdown(report);
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual([
      '## Progress',
      '## By cluster',
      '## Skipped steps (1)',
      '## Reverted steps (0)',
      '## Overrides (1)',
      '## Who did what (2)',
    ]);
    expect(md).toContain('**66% complete** · 33% done (1 done, 1 skipped of 3 steps)');
  });
});
