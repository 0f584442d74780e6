/**
 * The one module that loads Prism and its languages (the language components expect the
 * Prism global the core sets up, so they must be imported after it, in one place).
 *
 * We only ever call `Prism.tokenize` and render the tokens as React text nodes: no HTML string is built
 * from step content, so content holding tags can never become markup (see highlighted-code.tsx).
 */
import Prism from 'prismjs';
import 'prismjs/components/prism-bash';
import 'prismjs/components/prism-sql';
import type { StepType } from '@runsheet/domain';

// Never let Prism walk the DOM on its own (its automatic highlightAll would rewrite nodes React owns).
Prism.manual = true;

export type CodeLanguage = StepType;

/** A token tree: plain strings, or a token kind with its (nested) content. */
export type CodeToken = string | { kind: string; content: CodeToken[] };

function toTree(stream: Prism.TokenStream): CodeToken[] {
  if (typeof stream === 'string') return [stream];
  if (Array.isArray(stream)) return stream.flatMap((part) => toTree(part));
  const aliases = stream.alias === undefined ? [] : [stream.alias].flat();
  return [{ kind: [stream.type, ...aliases].join(' '), content: toTree(stream.content) }];
}

/** Tokens of `code` in `language`; `text` is one plain string (instructions are not code). */
export function tokenize(code: string, language: CodeLanguage): CodeToken[] {
  if (language === 'text') return [code];
  const grammar = Prism.languages[language];
  return grammar ? toTree(Prism.tokenize(code, grammar)) : [code];
}
