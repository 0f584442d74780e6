import Prism from 'prismjs';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CodeBlock } from './code-block';
import { CodeEditor } from './code-editor';
import { HighlightedCode, lineCount } from './highlighted-code';
import { tokenize } from './prism';

const HOSTILE = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  "echo '</code></pre><script>alert(1)</script>'",
  'SELECT \'<b onmouseover="x()">\' FROM t; -- <iframe src=javascript:alert(1)>',
].join('\n');

/** Every element the markup opens: tags made from content would show up here. */
const tags = (html: string) => [...html.matchAll(/<([a-z][a-z0-9]*)\b/gi)].map((m) => m[1]?.toLowerCase());
/** The inside of every real tag (React escapes < and > in text, so these are all markup). */
const tagBodies = (html: string) => [...html.matchAll(/<[^>]*>/g)].map((m) => m[0]);

/** The text a browser would show: tags removed, entities decoded. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&');

describe('tokenize', () => {
  it('FS-005: highlights bash and SQL, and leaves text as one plain string', () => {
    const bash = tokenize('if true; then echo "hi"; fi # done', 'bash');
    const kinds = bash.flatMap((t) => (typeof t === 'string' ? [] : [t.kind]));
    expect(kinds).toContain('keyword');
    expect(kinds).toContain('string');
    expect(kinds).toContain('comment');
    const sql = tokenize('SELECT count(*) FROM users WHERE id = 42;', 'sql');
    expect(sql.some((t) => typeof t !== 'string' && t.kind === 'keyword')).toBe(true);
    expect(tokenize('<b>Call the on-call</b>', 'text')).toEqual(['<b>Call the on-call</b>']);
  });

  it('keeps every character of the content, in order', () => {
    const flatten = (tokens: ReturnType<typeof tokenize>): string =>
      tokens.map((t) => (typeof t === 'string' ? t : flatten(t.content))).join('');
    for (const language of ['bash', 'sql', 'text'] as const)
      expect(flatten(tokenize(HOSTILE, language))).toBe(HOSTILE);
  });

  it('turns off Prism walking the DOM by itself', () => {
    expect(Prism.manual).toBe(true);
  });
});

describe('content holding markup is shown as text, never as markup', () => {
  for (const type of ['bash', 'sql', 'text'] as const) {
    it(`${type}: the code block renders hostile content as escaped text`, () => {
      const html = renderToStaticMarkup(<CodeBlock code={HOSTILE} type={type} label="Hostile step" />);
      const opened = new Set(tags(html));
      for (const tag of ['script', 'img', 'iframe', 'b']) expect(opened.has(tag)).toBe(false);
      for (const body of tagBodies(html)) expect(body).not.toMatch(/\son[a-z]+=/i);
      expect(textOf(html)).toContain('<script>window.__pwned=1</script>');
      expect(textOf(html)).toContain('<img src=x onerror="window.__pwned=1">');
    });
  }

  it('the editor layer escapes too, and the textarea holds the raw value', () => {
    const html = renderToStaticMarkup(
      <CodeEditor id="content" value={HOSTILE} onChange={() => {}} language="bash" />,
    );
    expect(new Set(tags(html)).has('script')).toBe(false);
    expect(new Set(tags(html)).has('img')).toBe(false);
    expect(textOf(html)).toContain('<script>window.__pwned=1</script>');
  });

  it('Prism.highlight itself escapes tags (the plain Prism path stays safe too)', () => {
    const grammar = Prism.languages.bash;
    if (!grammar) throw new Error('bash grammar missing');
    const html = Prism.highlight(HOSTILE, grammar, 'bash');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script>');
  });
});

describe('layout', () => {
  it('counts lines, an empty text being one line', () => {
    expect(lineCount('')).toBe(1);
    expect(lineCount('a\nb\n')).toBe(3);
  });

  it('numbers every line of bash and SQL, beside a copy button named after the step', () => {
    const html = renderToStaticMarkup(<CodeBlock code={'a\nb\nc'} type="sql" label="Migrate" />);
    expect(html).toContain('data-line-numbers="3"');
    expect(html).toContain('aria-label="Copy Migrate"');
  });

  it('shows text without line numbers (prose wraps) and without tokens', () => {
    const html = renderToStaticMarkup(<CodeBlock code={'if x then y'} type="text" label="Notes" />);
    expect(html).not.toContain('data-line-numbers');
    expect(html).not.toContain('class="token');
  });

  it('renders nested tokens as spans', () => {
    const html = renderToStaticMarkup(<HighlightedCode code={'echo "$HOME"'} language="bash" />);
    // bash: "$HOME" is a string holding an environment variable.
    expect(html).toMatch(
      /<span class="token string">&quot;<span class="token environment constant">\$HOME<\/span>/,
    );
  });

  it('the editor is a real textarea carrying the label wiring it is given', () => {
    const html = renderToStaticMarkup(
      <CodeEditor id="c1" aria-describedby="c1-hint" value={'x\ny'} onChange={() => {}} language="sql" />,
    );
    expect(html).toMatch(/<textarea[^>]*id="c1"/);
    expect(html).toMatch(/<textarea[^>]*aria-describedby="c1-hint"/);
    expect(html).toContain('data-line-numbers="2"');
  });
});
