import { describe, expect, it } from 'vitest';
import { mergePermissions, roleHas } from './permissions.ts';

describe('permission table', () => {
  it('merges module tables and answers per role', () => {
    const table = mergePermissions({ 'a.read': ['owner', 'student'] }, { 'b.write': ['admin'] });
    expect(roleHas(table, 'student', 'a.read')).toBe(true);
    expect(roleHas(table, 'student', 'b.write')).toBe(false);
  });

  it('refuses a permission declared twice or asked for but never declared', () => {
    expect(() => mergePermissions({ x: ['owner'] }, { x: ['admin'] })).toThrow(/declared twice/);
    expect(() => roleHas({}, 'owner', 'nope')).toThrow(/Unknown permission/);
  });
});
