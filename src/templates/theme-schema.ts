import cssColorNames from 'color-name';
import { z } from 'zod';

/**
 * The `theme.json` contract, written once. The published JSON Schema (schema/theme.schema.json) is
 * generated from this file by `npm run schema`, and the theme loader checks every theme.json with it,
 * so editors, the loader and both writers agree on what a theme may say. Every property accepted here
 * is drawn by the PDF writer and the HTML writer alike; anything else is refused, not ignored.
 */

/**
 * CSS colour names both writers draw: the CSS list (from `color-name`) without `rebeccapurple`, which
 * pdfkit 0.20's colour table lacks (pdfkit would silently draw nothing in its place).
 */
export const colorNames: readonly string[] = Object.keys(cssColorNames).filter((name) => name !== 'rebeccapurple');

/** `#rgb`, `#rrggbb` or a CSS colour name: what pdfkit and every browser draw the same. */
export const colorLiteralPattern = new RegExp(`^(?:#[0-9A-Fa-f]{3}|#[0-9A-Fa-f]{6}|${colorNames.join('|')})$`);
export const colorLiteralMessage = 'expected a colour: #rgb, #rrggbb or a CSS colour name such as `teal`';

/** A name for a colour or font token (`accent`, `subject1`, `body`). */
const tokenName = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** A colour in `colors`: always a literal. */
const colorLiteral = z.string().regex(colorLiteralPattern, { message: colorLiteralMessage }).meta({ description: 'A colour: #rgb, #rrggbb or a CSS colour name (lowercase)' });

/** A colour in a style: a literal, or the name of a colour of `colors` (checked once themes are merged). */
const colorReference = z
  .string()
  .regex(new RegExp(`${colorLiteralPattern.source}|${tokenName.source}`), { message: `${colorLiteralMessage}, or the name of a colour in \`colors\`` })
  .meta({ description: 'The name of a colour in `colors` (e.g. `accent`), or a colour: #rgb, #rrggbb or a CSS colour name' });

/** Points (1/72 inch), a plain number: `11`, not `"11pt"`. */
const points = (what: string, max: number) => z.number({ error: `expected ${what} in points, as a number` }).min(0).max(max).meta({ description: `${what} in points (1/72 inch), a number without a unit` });

const border = z.strictObject({
  width: points('the line width', 20),
  color: colorReference,
});

export const styleSchema = z
  .strictObject({
    font: z.string().regex(tokenName, { message: 'expected the name of a font family in `fonts`, e.g. `body`' }).meta({ description: 'A font family of `fonts` (e.g. `body`, `heading`)' }),
    weight: z.enum(['normal', 'bold']),
    style: z.enum(['normal', 'italic']),
    size: z.number({ error: 'expected the font size in points, as a number' }).min(4).max(96).meta({ description: 'Font size in points, a number without a unit' }),
    lineHeight: z.number({ error: 'expected the line height as a multiple of the font size, e.g. 1.4' }).min(0.8).max(4).meta({ description: 'Line height as a multiple of the font size (e.g. 1.4)' }),
    color: colorReference,
    align: z.enum(['left', 'center', 'right', 'justify']),
    background: colorReference,
    spaceBefore: points('the space before', 500),
    spaceAfter: points('the space after', 500),
    padding: points('the padding', 500),
    paddingTop: points('the padding at the top', 500),
    paddingBottom: points('the padding at the bottom', 500),
    borderTop: border,
    borderBottom: border,
    borderLeft: border,
    maxFirstColumn: z.number().gt(0).max(1).meta({ description: 'Tables: the widest share of the width (0–1) the first column may take' }),
    minColumn: z.number().gt(0).max(1).meta({ description: 'Tables: the narrowest share of the width (0–1) the first column takes (at most maxFirstColumn)' }),
    measure: z.number({ error: 'expected the longest line in ems of the element\'s font size, e.g. 37' }).min(10).max(200).meta({ description: 'Text blocks and sections: the longest line, in ems of the element\'s own font size (CSS max-width); not inherited' }),
    keepWithPrevious: z.boolean().meta({ description: 'Trailing matter (disclaimer, sources, conclusion): never left alone on a last page (CSS break-before: avoid-page)' }),
  })
  .partial();

const fontFamily = z
  .strictObject({
    css: z.string().min(1).meta({ description: 'CSS font-family list for the HTML handout' }),
    regular: z.string().min(1),
    bold: z.string().min(1),
    italic: z.string().min(1),
    boldItalic: z.string().min(1),
  })
  .partial()
  .meta({ description: 'Font files: a path relative to the theme folder, or a package path resolved from node_modules (TTF, OTF or WOFF)' });

const compound = String.raw`(?:[a-z][a-z0-9]*(?:\.[A-Za-z_-][\w-]*)*|(?:\.[A-Za-z_-][\w-]*)+)`;
/** `tag`, `.class`, `tag.class`, or two of those separated by a space (descendant). */
export const selectorPattern = new RegExp(`^${compound}(?: ${compound})?$`);

export const themeFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    $comment: z.string().optional(),
    name: z.string().min(1).optional(),
    extends: z.string().min(1).optional().meta({ description: 'A theme to start from: a name under templates/ (e.g. `default`) or a folder path' }),
    numberSections: z.boolean().optional(),
    vennTint: z.number().min(0).max(1).optional().meta({ description: 'Opacity of the subject colour inside Venn circles, 0 (outlines only) to 1' }),
    page: z
      .strictObject({
        margin: z.strictObject({ top: points('the top margin', 300), right: points('the right margin', 300), bottom: points('the bottom margin', 300), left: points('the left margin', 300) }).partial(),
      })
      .optional()
      .meta({ description: 'Page margins; the paper size is chosen when building (--page-size)' }),
    fonts: z.record(z.string().regex(tokenName), fontFamily).optional(),
    colors: z.record(z.string().regex(tokenName), colorLiteral).optional(),
    styles: z.record(z.string().regex(selectorPattern, { message: 'expected a selector: `tag`, `.class`, `tag.class`, or two of those separated by a space' }), styleSchema).optional(),
  })
  .meta({ title: 'handout theme', description: 'Design tokens of a handout theme (theme.json): one source for the PDF and the HTML handout. Sizes are in points.' });

export type ThemeFile = z.infer<typeof themeFileSchema>;
export type StyleTokens = z.infer<typeof styleSchema>;
export type BorderToken = z.infer<typeof border>;

/** Keys allowed in each kind of object, for "did you mean" hints. */
export const themeKeys = {
  theme: Object.keys(themeFileSchema.shape),
  page: ['margin'],
  margin: ['top', 'right', 'bottom', 'left'],
  font: Object.keys(fontFamily.shape),
  style: Object.keys(styleSchema.shape),
  border: Object.keys(border.shape),
} as const;

export function themeJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(themeFileSchema, { io: 'input', unrepresentable: 'throw' }) as Record<string, unknown>;
}

export function themeJsonSchemaText(): string {
  return `${JSON.stringify(themeJsonSchema(), null, 2)}\n`;
}
