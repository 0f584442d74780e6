import { renderContent } from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import { codeSegments, type Segment } from './code-segments';

const text = (segments: Segment[]) => segments.map((s) => s.text).join('');

describe('step content as highlighted segments (FS-005)', () => {
  it('keeps every character', () => {
    const source = 'echo one\n\nkubectl get pods -n x # done';
    expect(text(codeSegments(source, 'bash'))).toBe(source);
  });

  it('tags Prism tokens (SQL keywords, bash comments)', () => {
    expect(codeSegments('SELECT 1;', 'sql').find((s) => s.text === 'SELECT')?.kind).toContain('keyword');
    expect(codeSegments('ls # list', 'bash').find((s) => s.text === '# list')?.kind).toContain('comment');
  });

  it('leaves plain text untokenised, markup included', () => {
    expect(codeSegments('<b>SELECT</b>', 'text')).toEqual([{ text: '<b>SELECT</b>', kind: '' }]);
  });

  it('marks filled and unfilled variables at the offsets renderContent reports (VR-03)', () => {
    const rendered = renderContent('helm upgrade -n {{customer.namespace}} --set v={{release.nope}}', {
      customer: {
        id: 'customer:a',
        clusterId: 'cluster:c',
        namespace: 'acme-prod',
        name: 'Acme',
        description: '',
        isActive: true,
        metadata: {},
        createdAt: '2026-02-01T09:00:00.000Z',
        updatedAt: '2026-02-01T09:00:00.000Z',
      },
    });
    const marks = [
      ...rendered.filled.map((f) => ({ ...f, kind: 'filled' as const, note: f.name })),
      ...rendered.unknown.map((u) => ({ ...u, kind: 'unknown' as const, note: u.name })),
    ];
    const segments = codeSegments(rendered.text, 'bash', marks);
    expect(text(segments)).toBe(rendered.text);
    const marked = (kind: string) =>
      segments
        .filter((s) => s.mark?.kind === kind)
        .map((s) => s.text)
        .join('');
    expect(marked('filled')).toBe('acme-prod');
    expect(marked('unknown')).toBe('{{release.nope}}');
  });
});
