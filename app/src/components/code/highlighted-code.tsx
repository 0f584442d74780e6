/**
 * Highlighted code as React elements. Each token is a <span> whose text is a React text node, so step
 * content is always text: `<script>` in a step shows as the characters "<script>", never as markup.
 * (We deliberately avoid Prism.highlight + dangerouslySetInnerHTML, which would rely on Prism's escaping.)
 */
import { type ReactNode, useMemo } from 'react';
import { type CodeLanguage, type CodeToken, tokenize } from './prism';

function render(tokens: CodeToken[], path: string): ReactNode[] {
  return tokens.map((token, index) => {
    const key = `${path}.${index}`;
    if (typeof token === 'string') return token;
    return (
      <span key={key} className={`token ${token.kind}`}>
        {render(token.content, key)}
      </span>
    );
  });
}

export function HighlightedCode({ code, language }: { code: string; language: CodeLanguage }) {
  const nodes = useMemo(() => render(tokenize(code, language), 't'), [code, language]);
  return <>{nodes}</>;
}

/** How many lines `code` shows (an empty text still has one line). */
export function lineCount(code: string): number {
  let lines = 1;
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) lines++;
  return lines;
}
