// The institution's grading scale: read by everyone, changed by its admins, checked so that every
// percentage falls in exactly one band.
import type { GradingScale, UpdateGradingScaleBody } from '@edumatrix/contracts';
import { sql } from 'kysely';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/database.ts';
import { invalidField } from '../../../platform/http/app-error.ts';
import type { TenantContext } from '../../../platform/tenancy/tenancy.ts';

/** The scale, read on any handle (a consumer reads it inside its transaction). */
export const readGradingScale = async (db: Db, schema: string): Promise<GradingScale> => {
  const { rows } = await sql<GradingScale>`select kind, bands from ${sql.table(`${schema}.grading_scale`)}`.execute(db);
  return rows[0] as GradingScale;
};

/** Highest first, strictly falling, ending at 0, labels unique, and GPA points on a GPA scale. */
function check(body: GradingScale) {
  const seen = new Set<string>();
  body.bands.forEach((band, i) => {
    const previous = body.bands[i - 1];
    if (previous && band.min >= previous.min)
      throw invalidField('settings.bands_not_falling', `bands.${i}.min`, `must be below ${previous.min}`);
    if (seen.has(band.label.toLowerCase())) throw invalidField('settings.band_label_taken', `bands.${i}.label`, 'is used by another band');
    seen.add(band.label.toLowerCase());
    if (body.kind === 'gpa' && band.gpa === null)
      throw invalidField('settings.gpa_required', `bands.${i}.gpa`, 'is required on a GPA scale');
  });
  const last = body.bands.length - 1;
  if (body.bands[last]?.min !== 0)
    throw invalidField('settings.bands_from_zero', `bands.${last}.min`, 'must be 0, so every percentage has a band');
}

export type GradingScaleService = ReturnType<typeof createGradingScaleService>;

export function createGradingScaleService(deps: { db: Db }) {
  return {
    get: (tenant: TenantContext) => readGradingScale(deps.db, tenant.schema),

    async update(tenant: TenantContext, input: UpdateGradingScaleBody): Promise<GradingScale> {
      const body: GradingScale = { kind: input.kind, bands: input.bands.map((b) => ({ label: b.label, min: b.min, gpa: b.gpa ?? null })) };
      check(body);
      return deps.db.transaction().execute(async (trx) => {
        const before = await readGradingScale(trx, tenant.schema);
        await sql`update ${sql.table(`${tenant.schema}.grading_scale`)} set kind = ${body.kind}, bands = ${JSON.stringify(body.bands)}::jsonb,
          updated_at = now()`.execute(trx);
        await recordAudit(trx, {
          action: 'grading_scale.updated',
          targetType: 'institution',
          targetId: tenant.institutionId,
          institutionId: tenant.institutionId,
          before,
          after: body,
        });
        return body;
      });
    },
  };
}
