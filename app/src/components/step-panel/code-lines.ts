/**
 * Step content as lines of styled segments: Prism's tokens, cut where a variable was filled in or could
 * not be (VR-03 offsets from renderContent), then cut into lines for the line numbers. Pure data, so it
 * is tested without a DOM, and rendered as text nodes (never as HTML).
 */
import type { StepType } from '@runsheet/domain';
import { type PrismToken, tokenize } from './prism';

export type MarkKind = 'unknown' | 'filled';

export interface Mark {
  start: number;
  end: number;
  kind: MarkKind;
  /** What to say about it: "customer.namespace = acme-prod", "release.version has no value". */
  note: string;
}

export interface Segment {
  text: string;
  /** Prism token types and aliases, outermost first (empty for plain text). */
  tokens: readonly string[];
  mark?: Mark;
}

export type Line = Segment[];

function flatten(stream: PrismToken | PrismToken[], types: readonly string[], out: Segment[]): void {
  if (typeof stream === 'string') {
    if (stream) out.push({ text: stream, tokens: types });
    return;
  }
  if (Array.isArray(stream)) {
    for (const part of stream) flatten(part, types, out);
    return;
  }
  const alias = stream.alias === undefined ? [] : Array.isArray(stream.alias) ? stream.alias : [stream.alias];
  flatten(stream.content as PrismToken | PrismToken[], [...types, stream.type, ...alias], out);
}

/** Cuts segments at the marks' boundaries and attaches the mark to the parts inside one. */
function applyMarks(segments: Segment[], marks: readonly Mark[]): Segment[] {
  if (marks.length === 0) return segments;
  const sorted = [...marks].sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  let offset = 0;
  for (const seg of segments) {
    const end = offset + seg.text.length;
    let at = offset;
    while (at < end) {
      const inside = sorted.find((m) => m.start <= at && at < m.end);
      const next = inside
        ? Math.min(inside.end, end)
        : Math.min(end, ...sorted.filter((m) => m.start > at).map((m) => m.start));
      out.push({
        text: seg.text.slice(at - offset, next - offset),
        tokens: seg.tokens,
        ...(inside ? { mark: inside } : {}),
      });
      at = next;
    }
    offset = end;
  }
  return out;
}

function splitLines(segments: Segment[]): Line[] {
  const lines: Line[] = [[]];
  for (const seg of segments) {
    const parts = seg.text.split('\n');
    parts.forEach((text, i) => {
      if (i > 0) lines.push([]);
      if (text) (lines[lines.length - 1] as Line).push({ ...seg, text });
    });
  }
  return lines;
}

export function codeLines(text: string, type: StepType, marks: readonly Mark[] = []): Line[] {
  const segments: Segment[] = [];
  flatten(tokenize(text, type), [], segments);
  return splitLines(applyMarks(segments, marks));
}
