/**
 * Input checks shared by the commands. Zod checks the SHAPE of an input (types, enums, id forms) and
 * reports `invalid-input` with the field; the business checks below report the specific reason code
 * (`name-required`, `namespace-invalid`, ...) with the field, so the UI can show the reason beside it.
 */
import type { z } from 'zod';
import { METADATA_KEY, type Metadata } from './entities/common.ts';
import { STEP_CONTENT_MAX } from './entities/step-template.ts';
import { FIELD_LIMITS } from './limits.ts';
import type { ReasonCode } from './reasons.ts';
import { type Failure, fail, refuse } from './result.ts';

export type Parsed<T> = { ok: true; value: T } | Failure;

/** Parse a command input; the first problem becomes `invalid-input` on its field path (`a.b.0`). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.infer<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  return fail('invalid-input', issue?.message ?? 'The input is not valid.', field);
}

/** Names are compared trimmed and case-insensitively (BR-C02). */
export function nameKey(name: string): string {
  return name.trim().toLowerCase();
}

/** A trimmed, non-empty name of at most `max` characters. */
export function checkName(value: string, field = 'name', max: number = FIELD_LIMITS.name): Parsed<string> {
  const name = value.trim();
  if (name.length === 0) return refuse('name-required', field);
  if (name.length > max) return refuse('name-too-long', field, { max });
  return { ok: true, value: name };
}

/** RFC 1123 label, the rule Kubernetes applies to namespace names. */
const RFC1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function checkNamespace(value: string, field = 'namespace'): Parsed<string> {
  const ns = value.trim();
  if (ns.length === 0 || ns.length > FIELD_LIMITS.namespace || !RFC1123_LABEL.test(ns))
    return refuse('namespace-invalid', field);
  return { ok: true, value: ns };
}

/** A real calendar date `YYYY-MM-DD` (2026-02-30 is refused). Empty means "no date". */
export function checkDate(value: string | null | undefined, field = 'releaseDate'): Parsed<string | null> {
  if (value === null || value === undefined || value.trim() === '') return { ok: true, value: null };
  const v = value.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return refuse('date-invalid', field);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
  return real ? { ok: true, value: v } : refuse('date-invalid', field);
}

/** Optional free text: trimmed; empty becomes null. */
export function optionalText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
  return v === '' ? null : v;
}

export function checkText(value: string, field: string, max: number): Parsed<string> {
  return value.length > max ? refuse('text-too-long', field, { max }) : { ok: true, value };
}

/**
 * A reason a command cannot go without (skip, revert, halt, resume, opening a gate early): trimmed, not
 * empty (`missing` names what needs it, as the form shows it), and within the reason limit.
 */
export function checkReason(value: string, missing: ReasonCode, field = 'reason'): Parsed<string> {
  const reason = value.trim();
  if (reason === '') return refuse(missing, field);
  return checkText(reason, field, FIELD_LIMITS.reason);
}

export function checkContent(value: string, field = 'content'): Parsed<string> {
  return value.length > STEP_CONTENT_MAX
    ? refuse('content-too-long', field, { max: STEP_CONTENT_MAX })
    : { ok: true, value };
}

/** Metadata keys become content variables (`{{cluster.region}}`), so they follow the variable syntax. */
export function checkMetadata(value: Metadata, field = 'metadata'): Parsed<Metadata> {
  const out: Metadata = {};
  for (const [rawKey, v] of Object.entries(value)) {
    const key = rawKey.trim();
    if (!METADATA_KEY.test(key)) return refuse('metadata-key-invalid', `${field}.${rawKey}`);
    if (v.length > FIELD_LIMITS.metadataValue)
      return refuse('metadata-value-too-long', `${field}.${key}`, { max: FIELD_LIMITS.metadataValue });
    out[key] = v;
  }
  return { ok: true, value: out };
}

/**
 * A kubeconfig path is only ever shown and copied (never opened here), so the check is that it is one
 * line of printable text; empty means "none".
 */
export function checkKubeconfigPath(
  value: string | null | undefined,
  field = 'kubeconfigPath',
): Parsed<string | null> {
  const v = optionalText(value);
  if (v === null) return { ok: true, value: null };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what we refuse.
  if (v.length > 1024 || /[\u0000-\u001f\u007f]/.test(v)) return refuse('kubeconfig-path-invalid', field);
  return { ok: true, value: v };
}
