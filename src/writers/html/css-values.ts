/**
 * Small, safe pieces of CSS made from theme tokens and document text. Token values come from a theme
 * folder (which may be a user's); anything that could end a declaration or the `<style>` element is
 * refused, so a bad token drops one declaration instead of breaking the page.
 */

/** `accentSoft` → `accent-soft`: the suffix of a custom property name. */
export function cssName(token: string): string {
  return token
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-');
}

/** A number as CSS writes it: no exponent, at most four decimals, no trailing zeros. */
export function cssNumber(value: number): string {
  return String(Number(value.toFixed(4)));
}

export function isCssNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** A literal colour (`#1b5e8a`, `rgb(27 94 138)`, `teal`): letters, digits and `#(),.%/-` only. */
export function safeColorLiteral(value: string): string | undefined {
  return /^[#\w\s(),.%/-]+$/.test(value) ? value.trim() : undefined;
}

/** A font-family list (`'Noto Serif', Georgia, serif`): names, quotes, commas, spaces. */
export function safeFontList(value: string): string | undefined {
  return /^[\w\s'",.-]+$/.test(value) ? value.trim() : undefined;
}

/**
 * A quoted CSS string (for `content`). Quotes and backslashes are escaped; a line feed becomes `\a`;
 * `<` and `>` are written as escapes so no string can close the `<style>` element; other control
 * characters are dropped.
 */
export function cssString(value: string): string {
  const escaped = value
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0009\u000B-\u001F\u007F]/g, '')
    .replace(/[\\"]/g, '\\$&')
    .replace(/[\n<>]/g, (character) => `\\${character.charCodeAt(0).toString(16)} `);
  return `"${escaped}"`;
}
