/**
 * Step content as styled segments: the code module's Prism tokens (components/code/prism.ts, the one
 * place Prism is loaded), flattened, then cut where a variable was filled in or could not be (VR-03
 * offsets from renderContent). Pure data, tested without a DOM, rendered as text nodes (never HTML).
 */
import { type CodeLanguage, type CodeToken, tokenize } from '@/components/code/prism';

export type MarkKind = 'unknown' | 'filled';

export interface Mark {
  start: number;
  end: number;
  kind: MarkKind;
  /** What to say about it: "customer.namespace = acme-prod", "release.nope is not a known variable". */
  note: string;
}

export interface Segment {
  text: string;
  /** Prism token kinds of the segment and its ancestors, space-separated ("" for plain text). */
  kind: string;
  mark?: Mark;
}

function flatten(tokens: readonly CodeToken[], kind: string, out: Segment[]): void {
  for (const token of tokens) {
    if (typeof token === 'string') {
      if (token) out.push({ text: token, kind });
    } else {
      flatten(token.content, kind ? `${kind} ${token.kind}` : token.kind, out);
    }
  }
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
        kind: seg.kind,
        ...(inside ? { mark: inside } : {}),
      });
      at = next;
    }
    offset = end;
  }
  return out;
}

export function codeSegments(text: string, language: CodeLanguage, marks: readonly Mark[] = []): Segment[] {
  const segments: Segment[] = [];
  flatten(tokenize(text, language), '', segments);
  return applyMarks(segments, marks);
}
