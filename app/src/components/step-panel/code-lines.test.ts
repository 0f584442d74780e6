import { renderContent } from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import { codeLines, type Line } from './code-lines';

const text = (line: Line) => line.map((s) => s.text).join('');

describe('step content as highlighted lines (FS-005)', () => {
  it('keeps every character, one entry per line, including empty lines', () => {
    const source = 'echo one\n\nkubectl get pods -n x # done';
    const lines = codeLines(source, 'bash');
    expect(lines.map(text)).toEqual(['echo one', '', 'kubectl get pods -n x # done']);
  });

  it('tags Prism tokens (SQL keywords, bash comments)', () => {
    const [line] = codeLines('SELECT 1;', 'sql');
    expect(line?.find((s) => s.text === 'SELECT')?.tokens).toContain('keyword');
    const [bash] = codeLines('ls # list', 'bash');
    expect(bash?.find((s) => s.text === '# list')?.tokens).toContain('comment');
  });

  it('leaves plain text untokenised', () => {
    expect(codeLines('<b>SELECT</b>', 'text')).toEqual([[{ text: '<b>SELECT</b>', tokens: [] }]]);
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
    const [line] = codeLines(rendered.text, 'bash', marks);
    if (!line) throw new Error('no line');
    expect(text(line)).toBe(rendered.text);
    const marked = (kind: string) =>
      line
        .filter((s) => s.mark?.kind === kind)
        .map((s) => s.text)
        .join('');
    expect(marked('filled')).toBe('acme-prod');
    expect(marked('unknown')).toBe('{{release.nope}}');
  });
});
