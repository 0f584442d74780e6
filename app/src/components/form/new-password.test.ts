import { PASSWORD_MIN_LENGTH, PASSWORD_TOO_SHORT } from '@runsheet/protocol';
import { describe, expect, it } from 'vitest';
import type { FormErrors } from '@/lib/command-errors';
import { checkNewPassword } from './new-password';

const none = (): FormErrors => ({ fields: {}, form: null });
const good = 'x'.repeat(PASSWORD_MIN_LENGTH);

describe('checkNewPassword (the one check of every form that sets a password)', () => {
  it('refuses a password below the rule, beside the password field', () => {
    expect(checkNewPassword(none(), 'short', 'short').fields).toEqual({ password: PASSWORD_TOO_SHORT });
  });

  it('says the repetition differs only when the password itself is fine', () => {
    expect(checkNewPassword(none(), good, `${good}!`).fields).toEqual({
      confirm: 'The two passwords differ.',
    });
    expect(checkNewPassword(none(), good, good).fields).toEqual({});
    // A form that asks once (reset by an admin, a first password) has no repetition to compare.
    expect(checkNewPassword(none(), good).fields).toEqual({});
  });

  it('keeps the reason a field already has (left empty) and the other fields', () => {
    const errors: FormErrors = {
      fields: { password: 'Enter a password.', username: 'Enter a username.' },
      form: null,
    };
    expect(checkNewPassword(errors, '', 'something').fields).toEqual({
      password: 'Enter a password.',
      username: 'Enter a username.',
    });
  });
});
