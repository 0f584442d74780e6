/**
 * The content an event refers to, as text for the timeline (HI-03). Events name revisions instead of
 * carrying content: `rev` is the content the event set (override, custom edit, template add or edit),
 * `previousRev` the content the step showed before (reset, reopen), `previousExecutedRev` with
 * `previousExecutedVars` the run a reopen moved out of the step. Events written before revisions
 * carry the text itself (`content`, `previousContent`, `previousExecutedContent`) and still read (ST-11).
 */
import type { HistoryEvent } from '../entities/step-event.ts';
import type { RevId } from '../ids.ts';
import { type Revisions, revisionOf } from '../revisions.ts';
import { fillValues } from '../variables.ts';

export interface EventContent {
  /** The content the event set; null when it set none, or its revision has not arrived (ST-12). */
  content: string | null;
  /** The content the step showed before the event. */
  previousContent: string | null;
  /** Reopen: what the previous run executed, variables filled in as they were. */
  previousExecutedContent: string | null;
}

function textOf(revisions: Revisions, id: string | undefined): string | null {
  return revisionOf(revisions, id as RevId | undefined)?.content ?? null;
}

/** Values stored as JSON in an event detail; none when the text is not a map of strings. */
function parseValues(json: string | undefined): Record<string, string> | null {
  if (json === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(json);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') out[k] = v;
    return out;
  } catch {
    return null;
  }
}

export function eventContent(revisions: Revisions, event: HistoryEvent): EventContent {
  const d = event.detail;
  const ran = textOf(revisions, d.previousExecutedRev);
  const values = parseValues(d.previousExecutedVars);
  return {
    content: textOf(revisions, d.rev) ?? d.content ?? null,
    previousContent: textOf(revisions, d.previousRev) ?? d.previousContent ?? null,
    previousExecutedContent:
      ran !== null && values !== null ? fillValues(ran, values) : (d.previousExecutedContent ?? null),
  };
}

/** The revisions an event refers to: what a store must load to show its content. */
export function eventRevisionIds(event: HistoryEvent): RevId[] {
  const d = event.detail;
  const ids = [d.rev, d.previousRev, d.previousExecutedRev];
  return ids.filter((id): id is RevId => id?.startsWith('rev:') === true);
}
