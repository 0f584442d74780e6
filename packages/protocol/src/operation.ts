import type { z } from 'zod';
import type { ErrorCode } from './errors.ts';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
/** public: anyone; signed-in: any valid session, token or open mode; admin: role admin. */
export type Access = 'public' | 'signed-in' | 'admin';

/** Path or query parameters: an object schema whose keys are the parameter names. */
export type ParamsSchema = z.ZodObject;

export interface Answer {
  description: string;
  /** The JSON body; none for 204. */
  schema?: z.ZodType;
  /** A body that is not JSON (a frozen release's bytes): its media type, instead of `schema`. */
  binary?: string;
  /** Response headers the answer carries, by name, with what they hold. */
  headers?: Readonly<Record<string, string>>;
}

/**
 * One operation of the JSON API: what it accepts and what it answers. The server routes and validates
 * with these very schemas, the app parses answers with them, and the OpenAPI document is made from them,
 * so the three cannot drift apart.
 */
export interface Operation {
  /** Stable and unique: the document's operationId. */
  id: string;
  method: Method;
  /** `/api/users/:id`-style: `:name` segments are path parameters. */
  path: string;
  access: Access;
  summary: string;
  description?: string;
  tag: string;
  params?: ParamsSchema;
  query?: ParamsSchema;
  body?: z.ZodType;
  /** Successful answers by status. */
  answers: Readonly<Record<number, Answer>>;
  /**
   * Error codes this operation answers besides those that follow from its shape (sign-in for non-public
   * operations, admin role, body, parameters), which the document adds by itself.
   */
  errors?: readonly ErrorCode[];
  /** Why an error code is answered here, when the code alone does not say. */
  errorNotes?: Partial<Record<ErrorCode, string>>;
}

/** Declares an operation, keeping its literal types so handlers see the exact body and parameters. */
export function defineOperation<const O extends Operation>(operation: O): O {
  return operation;
}

/** The validated body of an operation (what its handler receives). */
export type BodyOf<O extends Operation> = O['body'] extends z.ZodType ? z.output<O['body']> : undefined;
export type ParamsOf<O extends Operation> = O['params'] extends z.ZodObject
  ? z.output<O['params']>
  : Record<string, string>;
export type QueryOf<O extends Operation> = O['query'] extends z.ZodObject
  ? z.output<O['query']>
  : Record<string, unknown>;

/** `/api/users/:id` -> `/api/users/{id}`, the OpenAPI form of a path. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, '{$1}');
}
