// The institution's logo: validated and resized on upload, kept through the storage port under a
// content-hash version (so its URL changes when it does), removed files cleaned up after commit.
import type { LogoSize } from '@edumatrix/contracts';
import { sql } from 'kysely';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/database.ts';
import { notFound } from '../../../platform/http/app-error.ts';
import type { Storage, StoredObject } from '../../../platform/storage/storage.ts';
import type { TenantContext } from '../../../platform/tenancy/tenancy.ts';
import { processLogo } from './logo-image.ts';

export type LogoDeps = {
  db: Db;
  storage: Storage;
  /** The tenant schema of an institution, for serving logos to requests without a membership. */
  schemaOf(institutionId: string): Promise<string | null>;
  /** Failures to clean up old files are worth a log line, never a failed request. */
  onCleanupError?(err: unknown): void;
};

const SIZES: LogoSize[] = ['original', '64', '256'];
export const logoKey = (institutionId: string, version: string, size: LogoSize) =>
  `institutions/${institutionId}/logo/${version}/${size}.png`;

const readVersion = async (db: Db, schema: string, lock = false) => {
  const { rows } = await sql<{ logo_version: string | null }>`select logo_version from ${sql.table(`${schema}.profile`)}
    ${lock ? sql`for update` : sql``}`.execute(db);
  return rows[0]?.logo_version ?? null;
};

export type LogoService = ReturnType<typeof createLogoService>;

export function createLogoService(deps: LogoDeps) {
  function removeFiles(institutionId: string, version: string) {
    void Promise.all(SIZES.map((size) => deps.storage.delete(logoKey(institutionId, version, size)))).catch((err: unknown) =>
      deps.onCleanupError?.(err),
    );
  }

  return {
    /** Stores the renditions first, then points the profile at them: a failure leaves no broken logo. */
    async upload(tenant: TenantContext, bytes: Uint8Array): Promise<{ version: string }> {
      const logo = await processLogo(bytes);
      for (const r of logo.renditions) await deps.storage.put(logoKey(tenant.institutionId, logo.version, r.size), r.png, 'image/png');
      const before = await deps.db.transaction().execute(async (trx) => {
        const previous = await readVersion(trx, tenant.schema, true);
        await sql`update ${sql.table(`${tenant.schema}.profile`)} set logo_version = ${logo.version}, updated_at = now()`.execute(trx);
        await recordAudit(trx, {
          action: 'institution.logo_updated',
          targetType: 'institution',
          targetId: tenant.institutionId,
          institutionId: tenant.institutionId,
          before: { logoVersion: previous },
          after: { logoVersion: logo.version, width: logo.width, height: logo.height, bytes: bytes.length },
        });
        return previous;
      });
      if (before && before !== logo.version) removeFiles(tenant.institutionId, before);
      return { version: logo.version };
    },

    /** Idempotent: removing a logo that is not there changes nothing and audits nothing. */
    async remove(tenant: TenantContext): Promise<void> {
      const before = await deps.db.transaction().execute(async (trx) => {
        const previous = await readVersion(trx, tenant.schema, true);
        if (!previous) return null;
        await sql`update ${sql.table(`${tenant.schema}.profile`)} set logo_version = null, updated_at = now()`.execute(trx);
        await recordAudit(trx, {
          action: 'institution.logo_removed',
          targetType: 'institution',
          targetId: tenant.institutionId,
          institutionId: tenant.institutionId,
          before: { logoVersion: previous },
        });
        return previous;
      });
      if (before) removeFiles(tenant.institutionId, before);
    },

    /** The current logo in one size, with its version (the ETag). */
    async read(institutionId: string, size: LogoSize): Promise<StoredObject & { version: string }> {
      const schema = await deps.schemaOf(institutionId);
      if (!schema) throw notFound('institution.not_found', 'Institution');
      const version = await readVersion(deps.db, schema);
      const file = version ? await deps.storage.get(logoKey(institutionId, version, size)) : null;
      if (!version || !file) throw notFound('settings.logo_not_found', 'Logo');
      return { ...file, version };
    },
  };
}
