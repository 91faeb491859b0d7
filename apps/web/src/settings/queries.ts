import { queryOptions } from '@tanstack/react-query';
import { client } from '../api.ts';
import { institutionKeys } from '../institutions/queries.ts';

export const settingsKeys = {
  gradingScale: (institutionId: string) => [...institutionKeys.one(institutionId), 'grading-scale'] as const,
};

export const gradingScaleQuery = (institutionId: string) =>
  queryOptions({ queryKey: settingsKeys.gradingScale(institutionId), queryFn: () => client.settings.gradingScale(institutionId) });

/** The logo at another size: the read model names the 256 px one. */
export const logoAt = (logoUrl: string, size: '64' | '256' | 'original') => logoUrl.replace(/\/logo\/256\?/, `/logo/${size}?`);
