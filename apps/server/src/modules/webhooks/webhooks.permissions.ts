import type { PermissionTable } from '../../platform/auth/permissions.ts';

/** Webhooks send the institution's data elsewhere: only those who run it may set them up. */
export const webhooksPermissions: PermissionTable = {
  'webhooks.manage': ['owner', 'admin'],
};
