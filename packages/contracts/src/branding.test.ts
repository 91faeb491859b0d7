import { describe, expect, it } from 'vitest';
import { contrastRatio, HexColor } from './branding.ts';

describe('brand colour', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    // Mantine's blue-8 passes comfortably (5.0:1); a pale yellow fails.
    expect(contrastRatio('#1971c2', '#ffffff')).toBeCloseTo(5.02, 2);
    expect(contrastRatio('#ffd43b', '#ffffff')).toBeCloseTo(1.43, 2);
  });

  it('accepts #rrggbb only, lower-cased', () => {
    expect(HexColor.parse(' #1C7ED6 ')).toBe('#1c7ed6');
    for (const bad of ['1c7ed6', '#1c7', '#1c7ed6ff', 'blue', '#ggggggg']) expect(HexColor.safeParse(bad).success).toBe(false);
  });
});
