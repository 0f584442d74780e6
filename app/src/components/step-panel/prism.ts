/**
 * Prism with the languages step content uses (FS-005), imported in this one module so the language
 * components always find the core they extend. Only the tokenizer is used: the app renders the tokens
 * itself as React elements, so step content is never put into the page as HTML.
 */
import Prism from 'prismjs';
import 'prismjs/components/prism-bash';
import 'prismjs/components/prism-sql';
import type { StepType } from '@runsheet/domain';

export type PrismToken = string | Prism.Token;

/** Tokens of `text` in the language of the step type; plain text is one string. */
export function tokenize(text: string, type: StepType): PrismToken[] {
  const grammar = type === 'text' ? undefined : Prism.languages[type];
  return grammar ? Prism.tokenize(text, grammar) : [text];
}

export { Prism };
