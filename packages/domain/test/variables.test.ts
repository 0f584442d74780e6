import { describe, expect, it } from 'vitest';
import {
  type Cluster,
  type Customer,
  listVariables,
  type Release,
  renderContent,
  type VariableContext,
  variableContextFor,
  variablesIn,
} from '../src/index.ts';
import { activeWorld } from './helpers.ts';

const customer: Customer = {
  id: 'customer:a',
  clusterId: 'cluster:eu',
  namespace: 'acme-prod',
  name: 'Acme',
  description: '',
  isActive: true,
  metadata: { tier: 'gold', name: 'meta-name', empty: '' },
  createdAt: '',
  updatedAt: '',
};
const cluster: Cluster = {
  id: 'cluster:eu',
  name: 'prod-eu',
  kubeconfigPath: '~/.kube/eu',
  description: '',
  isActive: true,
  metadata: { region: 'eu-west-1', kubeconfig: 'meta' },
  createdAt: '',
  updatedAt: '',
};
const release: Release = {
  id: 'release:r',
  name: 'Spring',
  type: 'release',
  status: 'active',
  versionNumber: 'v2.5.0',
  releaseDate: '2026-03-01',
  description: '',
  metadata: {},
  createdAt: '',
  updatedAt: '',
  activatedAt: null,
  archivedFrom: null,
  clonedFrom: null,
};
const ctx: VariableContext = { customer, cluster, release };

describe('variables', () => {
  it.each([
    ['{{customer.name}}', 'Acme'],
    ['{{customer.namespace}}', 'acme-prod'],
    ['{{customer.tier}}', 'gold'],
    ['{{cluster.name}}', 'prod-eu'],
    ['{{cluster.kubeconfig}}', '~/.kube/eu'],
    ['{{cluster.region}}', 'eu-west-1'],
    ['{{release.name}}', 'Spring'],
    ['{{release.version}}', 'v2.5.0'],
    ['{{release.date}}', '2026-03-01'],
  ])('VR-01 %s is filled in as %s', (content, text) => {
    expect(renderContent(content, ctx)).toMatchObject({ text, unknown: [] });
  });

  it('VR-02 whitespace inside the braces is allowed', () => {
    expect(renderContent('kubectl -n {{  customer.namespace }} --context={{cluster.name\t}}', ctx).text).toBe(
      'kubectl -n acme-prod --context=prod-eu',
    );
  });

  it('VR-03 unknown variables stay visible and are reported with their place in the text', () => {
    const result = renderContent('ns={{customer.namespace}} x={{ customer.nope }} y={{cluster.zone}}', ctx);
    expect(result.text).toBe('ns=acme-prod x={{ customer.nope }} y={{cluster.zone}}');
    expect(result.unknown).toEqual([
      { name: 'customer.nope', start: 15, end: 34, reason: 'unknown' },
      { name: 'cluster.zone', start: 37, end: 53, reason: 'unknown' },
    ]);
    for (const u of result.unknown) expect(result.text.slice(u.start, u.end)).toContain(u.name);
    expect(result.filled).toEqual([{ name: 'customer.namespace', value: 'acme-prod', start: 3, end: 12 }]);
  });

  it('VR-03 a known variable with no value here stays visible too (no-value), never blank', () => {
    const result = renderContent('v={{release.version}} e={{customer.empty}}', {
      customer,
      cluster,
      release: { ...release, versionNumber: null },
    });
    expect(result.text).toBe('v={{release.version}} e={{customer.empty}}');
    expect(result.unknown.map((u) => [u.name, u.reason])).toEqual([
      ['release.version', 'no-value'],
      ['customer.empty', 'no-value'],
    ]);
    expect(renderContent('{{customer.name}}', {}).unknown[0]?.reason).toBe('no-value');
  });

  it("VR-04 other template languages' braces are left alone and not reported", () => {
    const content = 'helm --set image={{ .Values.image }} {{item.name}} {{ customer }} {{#each x}}';
    expect(renderContent(content, ctx)).toEqual({ text: content, unknown: [], filled: [] });
  });

  it('VR-05 built-ins win over metadata keys of the same name', () => {
    expect(renderContent('{{customer.name}} {{cluster.kubeconfig}}', ctx).text).toBe('Acme ~/.kube/eu');
  });

  it('VR-01 listVariables gives the built-ins and the metadata keys, without shadowed duplicates', () => {
    const names = listVariables(ctx).map((v) => v.name);
    expect(names.slice(0, 7)).toEqual([
      'customer.name',
      'customer.namespace',
      'cluster.name',
      'cluster.kubeconfig',
      'release.name',
      'release.version',
      'release.date',
    ]);
    expect(names.slice(7)).toEqual(['customer.empty', 'customer.tier', 'cluster.region']);
    expect(listVariables().every((v) => !v.fromMetadata)).toBe(true);
    const { w } = activeWorld();
    expect(listVariables({ catalog: w.state.catalog }).map((v) => v.name)).toContain('cluster.region');
  });

  it('VR-06 the context of a step is its customer, its current cluster and its release', () => {
    const { w, r, a, eu } = activeWorld();
    const c = variableContextFor(w.state.catalog, r, a);
    expect([c.customer?.id, c.cluster?.id, c.release?.id]).toEqual([a, eu, r]);
    expect(variablesIn('{{customer.name}} {{ customer.name }} {{release.version}}')).toEqual([
      'customer.name',
      'release.version',
    ]);
  });
});
