// An institution's grading scale: bands from a minimum percentage, each with a label (a letter,
// or the percentage band's name) and optional GPA points. Term grades are read off it.
import { z } from 'zod';

export const GradingBand = z.strictObject({
  label: z.string().trim().min(1, 'is required').max(20),
  /** The lowest percentage (0–100) that earns this band. */
  min: z.number().min(0).max(100),
  gpa: z.number().min(0).max(10).nullable().default(null),
});
export type GradingBand = z.infer<typeof GradingBand>;

export const GradingScale = z.object({
  kind: z.enum(['percentage', 'letters', 'gpa']),
  /** Highest first; the last starts at 0, so every percentage has a band. */
  bands: z.array(GradingBand),
});
export type GradingScale = z.infer<typeof GradingScale>;

export const UpdateGradingScaleBody = z.strictObject({
  kind: z.enum(['percentage', 'letters', 'gpa']),
  bands: z.array(GradingBand).min(1).max(30),
});
export type UpdateGradingScaleBody = z.input<typeof UpdateGradingScaleBody>;

export const DEFAULT_GRADING_SCALE: GradingScale = {
  kind: 'letters',
  bands: [
    { label: 'A', min: 90, gpa: 4 },
    { label: 'B', min: 80, gpa: 3 },
    { label: 'C', min: 70, gpa: 2 },
    { label: 'D', min: 60, gpa: 1 },
    { label: 'F', min: 0, gpa: 0 },
  ],
};

/** The band a percentage falls in (bands highest first, the last from 0). */
export function bandFor(scale: GradingScale, percent: number): GradingBand {
  const clamped = Math.min(100, Math.max(0, percent));
  return scale.bands.find((b) => clamped >= b.min) ?? (scale.bands.at(-1) as GradingBand);
}
