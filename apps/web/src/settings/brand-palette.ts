// A ten-shade palette around an institution's brand colour, and the Mantine CSS variables that make
// it the primary colour of everything inside that institution's pages.

/** The app's theme uses shade 7 for filled parts in light mode (theme.ts): the brand colour sits there. */
export const BRAND_SHADE = 7;

const channels = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
const toHex = (rgb: number[]) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
const mix = (hex: string, target: number, amount: number) => toHex(channels(hex).map((c) => c + (target - c) * amount));

/** Lighter tints toward white below the brand shade, darker toward black above it. */
export function brandPalette(hex: string): string[] {
  const tints = [0.92, 0.82, 0.68, 0.52, 0.38, 0.24, 0.1];
  return [...tints.map((amount) => mix(hex, 255, amount)), hex.toLowerCase(), mix(hex, 0, 0.16), mix(hex, 0, 0.3)];
}

const rgba = (hex: string, alpha: number) => `rgba(${channels(hex).join(', ')}, ${alpha})`;

/** Mantine reads the primary colour from these variables; set on an element, they apply beneath it. */
export function brandCssVariables(hex: string): Record<string, string> {
  const shades = brandPalette(hex);
  const vars: Record<string, string> = {};
  shades.forEach((shade, i) => {
    vars[`--mantine-color-brand-${i}`] = shade;
    vars[`--mantine-primary-color-${i}`] = shade;
  });
  const base = shades[BRAND_SHADE] as string;
  const hover = shades[BRAND_SHADE + 1] as string;
  for (const prefix of ['--mantine-color-brand', '--mantine-primary-color']) {
    vars[`${prefix}-filled`] = base;
    vars[`${prefix}-filled-hover`] = hover;
    vars[`${prefix}-light`] = rgba(base, 0.1);
    vars[`${prefix}-light-hover`] = rgba(base, 0.14);
    vars[`${prefix}-light-color`] = base;
  }
  vars['--mantine-color-brand-outline'] = base;
  vars['--mantine-color-brand-outline-hover'] = rgba(base, 0.05);
  vars['--mantine-color-brand-text'] = base;
  vars['--mantine-primary-color-contrast'] = '#ffffff';
  vars['--mantine-color-anchor'] = base;
  return vars;
}
