// Every route declares what it needs; the guard functions carry that declaration so that start-up
// can refuse a route without one and the role × route test can read them.
import type { InstitutionRole, PlatformRole } from '@edumatrix/contracts';

export type Access =
  | { kind: 'public' }
  | { kind: 'user' }
  | { kind: 'institution'; permission: string }
  | { kind: 'platform'; role: PlatformRole };

/** Which institution roles hold each permission, merged from every module's declaration. */
export type PermissionTable = Record<string, readonly InstitutionRole[]>;

export function mergePermissions(...tables: PermissionTable[]): PermissionTable {
  const merged: Record<string, readonly InstitutionRole[]> = {};
  for (const table of tables) {
    for (const [permission, roles] of Object.entries(table)) {
      if (merged[permission]) throw new Error(`Permission ${permission} declared twice`);
      merged[permission] = roles;
    }
  }
  return merged;
}

export function roleHas(table: PermissionTable, role: InstitutionRole, permission: string): boolean {
  const roles = table[permission];
  if (!roles) throw new Error(`Unknown permission ${permission}`);
  return roles.includes(role);
}
