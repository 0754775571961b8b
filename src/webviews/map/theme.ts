// Colours from VS Code's theme, so maps follow light, dark and high-contrast themes.

/** A theme colour from VS Code's CSS variables (they change with the theme; read when drawing). */
export function cssColour(variable: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(variable).trim() || fallback;
}
