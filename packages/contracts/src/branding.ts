// An institution's brand: its primary colour (checked for contrast with white text, which buttons
// and badges in that colour carry) and the sizes its logo is served in.
import { z } from 'zod';

export const HexColor = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, { message: 'must be a colour such as #1c7ed6' })
  .transform((hex) => hex.toLowerCase());

/** WCAG 2.x's ratio for large text and interface parts; white labels on the brand colour must reach it. */
export const MIN_BRAND_CONTRAST = 3;

/** Relative luminance of `#rrggbb` (WCAG 2.x). */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** Contrast ratio between two `#rrggbb` colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export const LogoSize = z.enum(['64', '256', 'original']);
export type LogoSize = z.infer<typeof LogoSize>;
