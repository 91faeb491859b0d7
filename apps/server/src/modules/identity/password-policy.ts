import { invalidField } from '../../platform/http/app-error.ts';

// The most common choices that pass the length rule; a breached-password service can replace this later.
const COMMON = new Set([
  'password123',
  'password1234',
  '1234567890',
  '12345678910',
  'qwertyuiop',
  'qwerty12345',
  'iloveyou123',
  'abcdefghij',
  'abc1234567',
  'letmein1234',
  'welcome123',
  'password!1',
  'passw0rd123',
  '0987654321',
  'administrator',
  'football123',
  'princess123',
  '1q2w3e4r5t',
  'aaaaaaaaaa',
  'edumatrix123',
]);

/** Length is checked by the schema; here: not a common password, not the email itself. */
export function checkPasswordPolicy(password: string, email: string, field = 'password'): void {
  const lower = password.toLowerCase();
  const local = email.split('@')[0] ?? '';
  if (COMMON.has(lower)) throw invalidField('identity.weak_password', field, 'is too common; choose another');
  if (new Set(lower).size < 4) throw invalidField('identity.weak_password', field, 'needs more variety of characters');
  if (local.length >= 4 && lower.includes(local.toLowerCase())) {
    throw invalidField('identity.weak_password', field, 'must not contain your email address');
  }
}
