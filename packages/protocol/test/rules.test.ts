import { FIELD_LIMITS as DOMAIN_LIMITS, REASONS, type ReasonCode } from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import {
  API_ERRORS,
  CloseCode,
  CREDENTIAL_CLOSE_CODES,
  closeReason,
  FIELD_LIMITS,
  isPermanent,
  MarkDoneRequest,
  newPasswordSchema,
  nonBlankText,
  PASSWORD_MIN_LENGTH,
  passwordProblem,
  ReasonRequest,
  statusOfReason,
} from '../src/index.ts';

describe('the password rule', () => {
  it('is the same in the forms and in the request schema, at its bounds', () => {
    for (const length of [0, PASSWORD_MIN_LENGTH - 1, PASSWORD_MIN_LENGTH, 1024, 1025]) {
      const password = 'x'.repeat(length);
      expect(passwordProblem(password) === null, `length ${length}`).toBe(
        newPasswordSchema.safeParse(password).success,
      );
    }
    expect(passwordProblem('123456789')).toBe('Use at least 10 characters.');
  });
});

describe('field limits', () => {
  it('are the domain’s, and the API’s step bodies hold to them', () => {
    expect(FIELD_LIMITS).toBe(DOMAIN_LIMITS);
    expect(MarkDoneRequest.safeParse({ notes: 'n'.repeat(FIELD_LIMITS.notes) }).success).toBe(true);
    expect(MarkDoneRequest.safeParse({ notes: 'n'.repeat(FIELD_LIMITS.notes + 1) }).success).toBe(false);
    expect(ReasonRequest.safeParse({ reason: 'r'.repeat(FIELD_LIMITS.reason) }).success).toBe(true);
    expect(ReasonRequest.safeParse({ reason: 'r'.repeat(FIELD_LIMITS.reason + 1) }).success).toBe(false);
  });
});

describe('non-blank text', () => {
  it('calls blank exactly what JavaScript’s trim removes, for every character of the basic plane', () => {
    const schema = nonBlankText(10, 'blank');
    const disagree: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const ch = String.fromCharCode(code);
      if (schema.safeParse(ch).success !== (ch.trim() !== '')) disagree.push(code.toString(16));
    }
    expect(disagree).toEqual([]);
    expect(schema.parse('  a b \u00a0')).toBe('a b');
  });
});

describe('error codes', () => {
  it('give every domain refusal a 400, 404 or 409', () => {
    for (const code of Object.keys(REASONS) as ReasonCode[])
      expect([400, 404, 409]).toContain(statusOfReason(code));
    expect(statusOfReason('step-not-found')).toBe(404);
    expect(statusOfReason('skip-needs-reason')).toBe(400);
    expect(statusOfReason('step-already-done')).toBe(409);
  });

  it('give every API code an error status and a sentence', () => {
    for (const [code, { status, message }] of Object.entries(API_ERRORS)) {
      expect(status >= 400 && status < 600, code).toBe(true);
      expect(message, code).toMatch(/^[A-Z].*[.]$/);
    }
  });
});

describe('relay close codes', () => {
  it('make the codes that ask for a new sign-in final, and name each on the wire', () => {
    for (const code of CREDENTIAL_CLOSE_CODES) expect(isPermanent(code)).toBe(true);
    expect(isPermanent(CloseCode.RATE_LIMITED)).toBe(false);
    expect(closeReason('SESSION_EXPIRED')).toBe('session-expired');
    expect(new Set(Object.values(CloseCode)).size).toBe(Object.keys(CloseCode).length);
  });
});
