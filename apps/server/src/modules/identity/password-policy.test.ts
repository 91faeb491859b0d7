import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/app-error.ts';
import { checkPasswordPolicy } from './password-policy.ts';

const fieldOf = (fn: () => void) => {
  try {
    fn();
    return null;
  } catch (err) {
    return err instanceof AppError ? err.extra.fields?.[0] : null;
  }
};

describe('password policy', () => {
  it('accepts a long passphrase', () => {
    expect(fieldOf(() => checkPasswordPolicy('correct horse battery staple', 'ann@example.org'))).toBeNull();
  });

  it('refuses common passwords, one-note passwords and ones containing the email name, naming the field', () => {
    expect(fieldOf(() => checkPasswordPolicy('Password123', 'ann@example.org'))).toEqual({
      field: 'password',
      message: 'is too common; choose another',
    });
    expect(fieldOf(() => checkPasswordPolicy('aaaaaaaaaaaa', 'ann@example.org'))?.message).toMatch(/variety/);
    expect(fieldOf(() => checkPasswordPolicy('my-name-is-johnny-99', 'johnny@example.org', 'newPassword'))).toEqual({
      field: 'newPassword',
      message: 'must not contain your email address',
    });
  });
});
