import type { IncomingMessage } from 'node:http';
import { isWeakPasswordIssue } from '@runsheet/protocol';
import type { z } from 'zod';
import { ApiError } from './errors.ts';

/**
 * Bounds what a client can make us buffer. Above every body the contract allows, so a body too long in one
 * field is answered `invalid-body` naming that field: the longest field, a step's notes (20,000
 * characters), sent as JSON escapes (`\ud83d\ude00`, 12 bytes a character outside the BMP) is 240 KB.
 */
export const MAX_BODY_BYTES = 512 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new ApiError('body-too-large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ApiError('body-too-large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads a JSON body and validates it. Requiring `application/json` also keeps cross-site forms out: a page
 * on another site cannot send that content type without a CORS preflight, which this server never grants.
 */
export async function parseJsonBody<S extends z.ZodType>(
  req: IncomingMessage,
  schema: S,
): Promise<z.output<S>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new ApiError('unsupported-media-type');
  const text = await readBody(req);
  let value: unknown;
  try {
    value = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new ApiError('invalid-json');
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.') || undefined;
  const code = isWeakPasswordIssue(issue) ? 'weak-password' : 'invalid-body';
  throw new ApiError(code, {
    field,
    message: field === undefined ? issue.message : `${field}: ${issue.message}`,
  });
}
