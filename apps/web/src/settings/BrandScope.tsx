import { MantineThemeProvider, useMantineTheme } from '@mantine/core';
import { type CSSProperties, type ReactNode, useEffect, useMemo } from 'react';
import { brandCssVariables, brandPalette } from './brand-palette.ts';

/**
 * Makes `color` the primary colour of everything inside: the theme (for components that read it in
 * JavaScript) and Mantine's CSS variables (for those styled by them). `wholePage` sets the variables
 * on the document while mounted, so dropdowns and modals (rendered in portals, outside this subtree)
 * and the app's navigation wear the colour too; otherwise they apply to this subtree only (previews).
 * Without a colour, the app's own.
 */
export function BrandScope({ color, wholePage = false, children }: { color: string | null; wholePage?: boolean; children: ReactNode }) {
  const theme = useMantineTheme();
  const branded = useMemo(() => {
    if (!color) return null;
    const shades = brandPalette(color) as unknown as typeof theme.colors.blue;
    return { theme: { ...theme, primaryColor: 'brand', colors: { ...theme.colors, brand: shades } }, vars: brandCssVariables(color) };
  }, [color, theme]);

  useEffect(() => {
    if (!wholePage || !branded) return;
    const root = document.documentElement.style;
    for (const [name, value] of Object.entries(branded.vars)) root.setProperty(name, value);
    return () => {
      for (const name of Object.keys(branded.vars)) root.removeProperty(name);
    };
  }, [wholePage, branded]);

  if (!branded) return <>{children}</>;
  return (
    <MantineThemeProvider theme={branded.theme}>
      {wholePage ? (
        children
      ) : (
        <div data-brand-color={color} style={branded.vars as CSSProperties}>
          {children}
        </div>
      )}
    </MantineThemeProvider>
  );
}
