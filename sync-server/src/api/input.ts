import type { Operation } from '@runsheet/protocol';
import type { z } from 'zod';
import { ApiError } from './errors.ts';

function firstIssue(error: z.ZodError): { field: string | undefined; message: string } {
  const issue = error.issues[0]!;
  const field = issue.path.join('.') || undefined;
  return { field, message: field === undefined ? issue.message : `${field}: ${issue.message}` };
}

/** The path parameters, checked with the operation's schema: 400 `invalid-id` naming the parameter. */
export function parsePathParams(operation: Operation, raw: Record<string, string>): Record<string, unknown> {
  if (operation.params === undefined) return raw;
  const parsed = operation.params.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new ApiError('invalid-id', firstIssue(parsed.error));
}

/**
 * The query parameters, checked with the operation's schema: 400 `invalid-query` naming the parameter
 * (`invalid-cursor` for a cursor). The first value of a repeated parameter counts; others are ignored.
 */
export function parseQuery(operation: Operation, search: URLSearchParams): Record<string, unknown> {
  if (operation.query === undefined) return {};
  const raw: Record<string, string> = {};
  for (const name of Object.keys(operation.query.shape)) {
    const value = search.get(name);
    if (value !== null) raw[name] = value;
  }
  const parsed = operation.query.safeParse(raw);
  if (parsed.success) return parsed.data;
  const { field, message } = firstIssue(parsed.error);
  if (field === 'cursor') throw new ApiError('invalid-cursor', { field });
  throw new ApiError('invalid-query', { field, message });
}
