import { describe, expect, it } from 'vitest';
import {
  addCustomStep,
  applyChange,
  bulkMarkDone,
  cloneRelease,
  type DomainState,
  editCustomStep,
  eventContent,
  filledValues,
  fillValues,
  markDone,
  overrideStep,
  type ReleaseId,
  type ReleaseState,
  renderContent,
  reopenStep,
  resetToTemplate,
  resolveStep,
  revertStep,
  type StepId,
  skipStep,
  templateStepId,
  testContext,
  updateCustomer,
  updateTemplate,
  type VariableContext,
} from '../src/index.ts';
import { activeWorld, mergedBothWays } from './helpers.ts';

const doc = (state: DomainState, r: ReleaseId): ReleaseState => {
  const d = state.releases[r];
  if (!d) throw new Error('no release document');
  return d;
};

describe('content revisions', () => {
  it('ST-09 a template keeps its content history as revisions written once, never edited', () => {
    const { w, r, d1 } = activeWorld();
    const first = doc(w.state, r).templates[d1]?.contentRev;
    expect(first && doc(w.state, r).revisions[first]).toEqual({
      name: 'Deploy app',
      category: 'deploy',
      type: 'bash',
      content: 'helm upgrade app -n {{customer.namespace}}',
    });
    w.do(updateTemplate, { releaseId: r, templateId: d1, description: 'only the description' });
    expect(doc(w.state, r).templates[d1]?.contentRev).toBe(first);
    w.do(updateTemplate, { releaseId: r, templateId: d1, content: 'helm upgrade app --atomic' });
    const second = doc(w.state, r).templates[d1]?.contentRev;
    expect(second).not.toBe(first);
    expect(second && doc(w.state, r).revisions[second]?.content).toBe('helm upgrade app --atomic');
    // The first revision is still there, unchanged: what ran on it stays readable (BR-R03).
    expect(first && doc(w.state, r).revisions[first]?.content).toBe(
      'helm upgrade app -n {{customer.namespace}}',
    );
    const edited = doc(w.state, r).events.at(-1);
    expect(edited?.detail.rev).toBe(second);
  });

  it('ST-09 a put-revision of an id already there changes nothing (immutable)', () => {
    const { w, r, d1 } = activeWorld();
    const rev = doc(w.state, r).templates[d1]?.contentRev;
    if (!rev) throw new Error('no revision');
    const value = { name: 'x', category: 'verify', type: 'sql', content: 'drop table' } as const;
    const after = applyChange(w.state, {
      ops: [{ doc: 'release', releaseId: r, op: 'put-revision', id: rev, value }],
    });
    expect(doc(after, r).revisions[rev]?.content).toBe('helm upgrade app -n {{customer.namespace}}');
  });

  it('ST-09 ST-10 a done step keeps a revision id and the values it ran with, no copies', () => {
    const { w, r, a, d1 } = activeWorld();
    const stepId = templateStepId(a, d1);
    const change = w.change(markDone, { releaseId: r, stepId });
    // The template's revision already holds what the step shows: nothing new to write.
    expect(change.ops.map((o) => o.op)).toEqual(['put-step-state', 'append-event']);
    w.apply(change);
    const state = doc(w.state, r).stepStates[stepId];
    expect(Object.keys(state ?? {}).sort()).toEqual([
      'execution',
      'status',
      'statusAt',
      'statusBy',
      'updatedAt',
    ]);
    expect(state?.execution).toEqual({
      rev: doc(w.state, r).templates[d1]?.contentRev,
      vars: { 'customer.namespace': 'acme-prod' },
      at: w.ctx.now(),
      by: 'Alice',
    });
    expect(resolveStep(w.state, r, stepId)?.executedContent).toBe('helm upgrade app -n acme-prod');
    // HI-01: the event carries no content either.
    expect(doc(w.state, r).events.at(-1)?.detail).toEqual({});
  });

  it('ST-09 many customers running one template share its revision: bulk mark done writes none', () => {
    const { w, r, a, b, c } = activeWorld();
    const before = Object.keys(doc(w.state, r).revisions).length;
    for (const customerId of [a, b, c]) w.do(bulkMarkDone, { releaseId: r, customerId, category: 'deploy' });
    expect(Object.keys(doc(w.state, r).revisions)).toHaveLength(before);
  });

  it('ST-09 BR-R03 a template edit meeting a mark done: the done step keeps the revision it saw', () => {
    const { w, r, a, b, d1 } = activeWorld();
    const stepId = templateStepId(a, d1);
    const seen = doc(w.state, r).templates[d1]?.contentRev;
    const laptop = testContext({ device: 'laptop' });
    const tablet = testContext({ device: 'tablet' });
    const edit = w.change(updateTemplate, { releaseId: r, templateId: d1, content: 'rm -rf /' }, laptop);
    const done = w.change(markDone, { releaseId: r, stepId }, tablet);
    for (const [order, state] of mergedBothWays(w.state, edit, done)) {
      expect(doc(state, r).stepStates[stepId]?.execution?.rev, order).toBe(seen);
      expect(resolveStep(state, r, stepId), order).toMatchObject({
        content: 'helm upgrade app -n {{customer.namespace}}',
        executedContent: 'helm upgrade app -n acme-prod',
      });
      expect(resolveStep(state, r, templateStepId(b, d1))?.content, order).toBe('rm -rf /');
    }
  });

  it('ST-09 MR-02 an override is a revision: an override edit meeting a run cannot change what ran', () => {
    const { w, r, b, d1 } = activeWorld();
    const stepId = templateStepId(b, d1);
    w.do(overrideStep, {
      releaseId: r,
      stepId,
      content: 'kubectl -n {{customer.namespace}} rollout restart',
    });
    const overrideRev = doc(w.state, r).stepStates[stepId]?.overrideRev;
    const laptop = testContext({ device: 'laptop' });
    const tablet = testContext({ device: 'tablet' });
    const edit = w.change(overrideStep, { releaseId: r, stepId, content: 'kubectl delete ns' }, laptop);
    const done = w.change(markDone, { releaseId: r, stepId }, tablet);
    // The run refers to the override's revision itself: nothing copied.
    expect(done.ops.map((o) => o.op)).toEqual(['put-step-state', 'append-event']);
    for (const [order, state] of mergedBothWays(w.state, edit, done)) {
      expect(doc(state, r).stepStates[stepId]?.execution?.rev, order).toBe(overrideRev);
      expect(resolveStep(state, r, stepId), order).toMatchObject({
        status: 'done',
        content: 'kubectl -n {{customer.namespace}} rollout restart',
        executedContent: 'kubectl -n beta-prod rollout restart',
      });
    }
  });

  it('ST-09 BR-S02 an override keeps its own name with its content; without a name it follows the template', () => {
    const { w, r, a, b, d1 } = activeWorld();
    const named = templateStepId(a, d1);
    const plain = templateStepId(b, d1);
    w.do(overrideStep, { releaseId: r, stepId: named, content: 'x', name: 'Deploy (acme)' });
    w.do(overrideStep, { releaseId: r, stepId: named, content: 'y' });
    w.do(overrideStep, { releaseId: r, stepId: plain, content: 'z' });
    w.do(updateTemplate, { releaseId: r, templateId: d1, name: 'Deploy everything' });
    expect(resolveStep(w.state, r, named)).toMatchObject({ name: 'Deploy (acme)', content: 'y' });
    expect(resolveStep(w.state, r, plain)).toMatchObject({ name: 'Deploy everything', content: 'z' });
    // Run after the rename: the snapshot is what it showed, so it gets a revision of its own.
    w.do(markDone, { releaseId: r, stepId: plain });
    w.do(updateTemplate, { releaseId: r, templateId: d1, name: 'Renamed again' });
    expect(resolveStep(w.state, r, plain)).toMatchObject({ name: 'Deploy everything', content: 'z' });
  });

  it('ST-09 a merge that left contentRev behind the template fields: the run gets what it showed, the template is repaired', () => {
    const { w, r, a, b, d1 } = activeWorld();
    const laptop = testContext({ device: 'laptop' });
    const tablet = testContext({ device: 'tablet' });
    const rename = w.change(updateTemplate, { releaseId: r, templateId: d1, name: 'Renamed' }, laptop);
    const rewrite = w.change(updateTemplate, { releaseId: r, templateId: d1, content: 'v2' }, tablet);
    w.state = applyChange(applyChange(w.state, rename), rewrite);
    const t = doc(w.state, r).templates[d1];
    expect(t).toMatchObject({ name: 'Renamed', content: 'v2' });
    // contentRev names one of the two edits' revisions, each with only its own change.
    const stale = t?.contentRev && doc(w.state, r).revisions[t.contentRev];
    expect(stale && [stale.name, stale.content]).not.toEqual(['Renamed', 'v2']);

    const first = w.change(markDone, { releaseId: r, stepId: templateStepId(a, d1) });
    expect(first.ops.map((o) => o.op)).toEqual([
      'put-revision',
      'put-template',
      'put-step-state',
      'append-event',
    ]);
    w.apply(first);
    expect(resolveStep(w.state, r, templateStepId(a, d1))).toMatchObject({ name: 'Renamed', content: 'v2' });
    const repaired = doc(w.state, r).templates[d1]?.contentRev;
    expect(doc(w.state, r).stepStates[templateStepId(a, d1)]?.execution?.rev).toBe(repaired);
    // The next run of that template shares the repaired revision.
    const second = w.change(markDone, { releaseId: r, stepId: templateStepId(b, d1) });
    expect(second.ops.map((o) => o.op)).toEqual(['put-step-state', 'append-event']);
  });

  it('ST-04 ST-09 editing a skipped custom step moves its snapshot to a new revision; the run it had is kept', () => {
    const { w, r, a } = activeWorld();
    const { stepId } = w.do(addCustomStep, {
      releaseId: r,
      customerId: a,
      name: 'Warm cache',
      category: 'deploy',
      type: 'bash',
      content: 'curl https://{{customer.name}}/warm',
    });
    w.do(markDone, { releaseId: r, stepId });
    w.do(revertStep, { releaseId: r, stepId, reason: 'cache broke' });
    w.do(editCustomStep, { releaseId: r, stepId, content: 'curl https://{{customer.name}}/warm?all' });
    expect(resolveStep(w.state, r, stepId)).toMatchObject({
      status: 'reverted',
      content: 'curl https://{{customer.name}}/warm?all',
      executedContent: 'curl https://Acme/warm',
    });
    const edited = doc(w.state, r).events.at(-1);
    expect(edited && eventContent(doc(w.state, r).revisions, edited).content).toBe(
      'curl https://{{customer.name}}/warm?all',
    );
    w.do(markDone, { releaseId: r, stepId });
    expect(resolveStep(w.state, r, stepId)?.executedContent).toBe('curl https://Acme/warm?all');
  });

  it('ST-12 a revision that has not arrived: the step falls back, and a run records what it showed', () => {
    const { w, r, a, d1 } = activeWorld();
    const stepId = templateStepId(a, d1);
    w.do(skipStep, { releaseId: r, stepId, reason: 'later' });
    // Another device's state refers to a revision this document does not hold yet.
    w.apply({
      ops: [
        {
          doc: 'release',
          releaseId: r,
          op: 'put-step-state',
          id: stepId,
          fields: { snapshotRev: 'rev:elsewhere' },
        },
      ],
    });
    expect(resolveStep(w.state, r, stepId)?.content).toBe('helm upgrade app -n {{customer.namespace}}');
    const value = w.do(markDone, { releaseId: r, stepId });
    const state = doc(w.state, r).stepStates[stepId];
    expect(state?.execution?.rev).not.toBe('rev:elsewhere');
    expect(state?.snapshotRev).toBe(state?.execution?.rev);
    expect(resolveStep(w.state, r, stepId)?.executedContent).toBe(value.executedContent);
  });

  it('HI-03 events refer to revisions: no event carries content', () => {
    const { w, r, a, b, d1, d2 } = activeWorld();
    const s1 = templateStepId(a, d1);
    const s2 = templateStepId(b, d1);
    w.do(overrideStep, { releaseId: r, stepId: s2, content: 'echo mine' });
    w.do(resetToTemplate, { releaseId: r, stepId: s2 });
    w.do(markDone, { releaseId: r, stepId: s1 });
    w.do(revertStep, { releaseId: r, stepId: s1, reason: 'bad' });
    w.do(reopenStep, { releaseId: r, stepId: s1 });
    w.do(updateTemplate, { releaseId: r, templateId: d2, content: 'psql -c "select 2"' });
    const { stepId } = w.do(addCustomStep, {
      releaseId: r,
      customerId: a,
      name: 'C',
      category: 'verify',
      type: 'text',
      content: 'look',
    });
    w.do(editCustomStep, { releaseId: r, stepId, content: 'look again' });
    const d = doc(w.state, r);
    for (const e of d.events) {
      expect(Object.keys(e.detail), e.kind).not.toContain('content');
      expect(Object.keys(e.detail), e.kind).not.toContain('previousContent');
      expect(Object.keys(e.detail), e.kind).not.toContain('previousExecutedContent');
    }
    const texts = d.events.map((e) => [e.kind, eventContent(d.revisions, e)]);
    expect(texts).toContainEqual([
      'reset-to-template',
      { content: null, previousContent: 'echo mine', previousExecutedContent: null },
    ]);
    expect(texts).toContainEqual([
      'reopened',
      {
        content: null,
        previousContent: 'helm upgrade app -n {{customer.namespace}}',
        previousExecutedContent: 'helm upgrade app -n acme-prod',
      },
    ]);
  });

  it('LC-03 ST-09 a clone gets revisions of its own, in its own document', () => {
    const { w, r, d1 } = activeWorld();
    const { releaseId } = w.do(cloneRelease, { releaseId: r, versionNumber: 'v2.6.0' });
    const copy = doc(w.state, releaseId);
    const templates = Object.values(copy.templates);
    expect(templates).toHaveLength(3);
    for (const t of templates) {
      expect(t.contentRev && copy.revisions[t.contentRev]).toEqual({
        name: t.name,
        category: t.category,
        type: t.type,
        content: t.content,
      });
    }
    expect(Object.keys(copy.revisions)).not.toContain(doc(w.state, r).templates[d1]?.contentRev);
  });
});

describe('executed content from stored values', () => {
  const ctx: VariableContext = {
    customer: {
      id: 'customer:x',
      clusterId: 'cluster:k',
      name: 'Acme $& Co',
      namespace: 'acme-prod',
      description: '',
      isActive: true,
      metadata: { tier: 'gold', empty: '', braces: '{{customer.name}}' },
      createdAt: 't',
      updatedAt: 't',
    },
    cluster: {
      id: 'cluster:k',
      name: 'prod-eu',
      kubeconfigPath: null,
      description: '',
      isActive: true,
      metadata: { region: 'eu-west-1' },
      createdAt: 't',
      updatedAt: 't',
    },
    release: null,
  };
  const pieces = [
    '{{customer.namespace}}',
    '{{ customer.name }}',
    '{{cluster.name}}',
    '{{cluster.kubeconfig}}',
    '{{customer.tier}}',
    '{{customer.empty}}',
    '{{customer.braces}}',
    '{{customer.nope}}',
    '{{release.version}}',
    '{{ .Values.image }}',
    '{{item.name}}',
    '{{',
    '}}',
    '$1',
    '$&',
    ' ',
    '\n',
    'kubectl',
    '{{cluster.region}}',
    'é',
  ];

  it('ST-10 VR-03 filling stored values gives renderContent’s text byte for byte', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let i = 0; i < 2000; i++) {
      let content = '';
      const n = next() % 12;
      for (let j = 0; j < n; j++) content += pieces[next() % pieces.length];
      const rendered = renderContent(content, ctx);
      expect(fillValues(content, filledValues(rendered)), content).toBe(rendered.text);
    }
  });

  it('ST-10 only the variables the content uses, with a value, are stored', () => {
    const rendered = renderContent('ns {{customer.namespace}} {{customer.namespace}} {{customer.nope}}', ctx);
    expect(filledValues(rendered)).toEqual({ 'customer.namespace': 'acme-prod' });
  });

  it('ST-10 a customer renamed after the run does not change what ran: the values were stored', () => {
    const { w, r, a, v1 } = activeWorld();
    const stepId: StepId = templateStepId(a, v1);
    const before = w.do(markDone, { releaseId: r, stepId }).executedContent;
    expect(before).toBe('curl https://Acme/health');
    w.do(updateCustomer, { customerId: a, name: 'Acme Renamed' });
    expect(resolveStep(w.state, r, stepId)?.executedContent).toBe(before);
  });
});
