import type { StyleTokens, ThemeTokens } from '../../templates/theme.js';
import { cssName, cssNumber, isCssNumber, safeColorLiteral, safeFontList } from './css-values.js';
import { pageRule, type PageRuleOptions } from './page-rule.js';

/**
 * Theme tokens → CSS, the HTML half of "one source of design":
 * - every colour and font family as a custom property on `:root` (`--color-accent`, `--font-body`);
 * - one rule per `tokens.styles` entry, scoped under `main` (`body` stays `body`; `header`/`footer`
 *   style the printed running slots, see `page-rule.ts`);
 * - sizes are points relative to the body size: `calc(23 / 10.5 * 1rem)`. On screen the root font is
 *   the reader's (100%); in print it is the body size in points, so every size is exactly its token.
 */
export type ThemeCssOptions = PageRuleOptions;

const printOnlySlots = new Set(['header', 'footer']);
const compound = String.raw`(?:[a-z][a-z0-9]*(?:\.[A-Za-z_-][\w-]*)*|(?:\.[A-Za-z_-][\w-]*)+)`;
const simpleSelector = new RegExp(`^${compound}(?: ${compound})?$`);

export function themeCss(tokens: ThemeTokens, options: ThemeCssOptions): string {
  const bodySize = isCssNumber(tokens.styles.body?.size) && tokens.styles.body.size > 0 ? tokens.styles.body.size : 10;
  const units = new Units(tokens, bodySize);
  const rules = Object.entries(tokens.styles).flatMap(([selector, style]) => {
    const scoped = scopeSelector(selector);
    if (!scoped) return [];
    const declarations = styleDeclarations(style, units);
    return declarations.length > 0 ? [rule(scoped, declarations)] : [];
  });
  return [
    rule(':root', customProperties(tokens)),
    rule('html', ['font-size: 100%;']),
    ...rules,
    `@media print {\n${indent(rule('html', [`font-size: ${cssNumber(bodySize)}pt;`]))}\n}`,
    tableColumnRules(),
    pageRule(tokens, options),
  ].join('\n');
}

function customProperties(tokens: ThemeTokens): string[] {
  const colors = Object.entries(tokens.colors).flatMap(([name, value]) => {
    const literal = safeColorLiteral(value);
    return literal ? [`--color-${cssName(name)}: ${literal};`] : [];
  });
  const fonts = Object.entries(tokens.fonts).flatMap(([name, family]) => {
    const list = safeFontList(family.css ?? '');
    return list ? [`--font-${cssName(name)}: ${list};`] : [];
  });
  // The Venn circles' tint, as in the PDF (style.css reads it): `vennTint: 0` saves ink in print too.
  const vennTint = isCssNumber(tokens.vennTint) ? [`--venn-tint: ${cssNumber(tokens.vennTint)};`] : [];
  return [...colors, ...fonts, ...vennTint];
}

/** `h1` → `main h1`, `.summary h2` → `main .summary h2`, `body` → `body`; slots and odd keys → none. */
export function scopeSelector(selector: string): string | undefined {
  const trimmed = selector.trim().replace(/\s+/g, ' ');
  if (!simpleSelector.test(trimmed)) return undefined;
  if (trimmed.split(' ').some((part) => printOnlySlots.has(part.split('.')[0] ?? ''))) return undefined;
  return trimmed === 'body' ? 'body' : `main ${trimmed}`;
}

/**
 * The PDF's defaults for the column shares (src/writers/pdf/computed-style.ts), used when no style
 * sets them.
 */
const defaultShares = { maxFirstColumn: 0.3, minColumn: 0.1 };
/** Cells per row that the share rules are written for: an attribute column and up to 8 subjects. */
const mostCellsPerRow = 9;

/**
 * Table column shares (`maxFirstColumn`, `minColumn`), sized as the PDF sizes them: the first column
 * as wide as its content, at least `minColumn` and at most `maxFirstColumn` of the table's width. The
 * tokens are custom properties, inherited as the PDF's computed style inherits them, and these rules
 * make them widths relative to the table (`cqi` of the block the table fills). A browser cannot cap a
 * table column (it ignores max-width on cells), so the first column's cap is the other columns'
 * floor: in a row of n cells each other cell takes at least (1 − maxFirstColumn) / (n − 1) of the
 * width. Not on narrow screens, where style.css shows each row as a card (max-width: 600px).
 */
function tableColumnRules(): string {
  const most = `var(--table-max-first-column, ${defaultShares.maxFirstColumn})`;
  const least = `var(--table-min-column, ${defaultShares.minColumn})`;
  const cells = 'main table > :is(thead, tbody, tfoot) > tr >';
  const rules = [
    // The block a table fills is the size container (a table itself cannot be one).
    rule('main :where(section, aside, div):has(> table), main:has(> table)', ['container-type: inline-size;']),
    // As in the PDF, the cap wins over the floor when a theme sets the floor higher.
    rule(`${cells} :first-child`, ['box-sizing: border-box;', `min-width: calc(min(${least}, ${most}) * 100cqi);`]),
    ...Array.from({ length: mostCellsPerRow - 1 }, (_, index) => index + 2).map((count) =>
      rule(`${cells} :first-child:nth-last-child(${count}) ~ *`, ['box-sizing: border-box;', `min-width: calc((1 - ${most}) / ${count - 1} * 100cqi);`]),
    ),
  ];
  return `@media print, screen and (min-width: 601px) {\n${rules.map(indent).join('\n')}\n}`;
}

/** One style token set → declarations. */
function styleDeclarations(style: StyleTokens, units: Units): string[] {
  const out: string[] = [];
  const add = (property: string, value: string | undefined) => {
    if (value !== undefined) out.push(`${property}: ${value};`);
  };
  add('font-family', style.font !== undefined ? units.font(style.font) : undefined);
  add('font-weight', style.weight === 'bold' || style.weight === 'normal' ? style.weight : undefined);
  add('font-style', style.style === 'italic' || style.style === 'normal' ? style.style : undefined);
  add('font-size', units.length(style.size));
  add('line-height', isCssNumber(style.lineHeight) ? cssNumber(style.lineHeight) : undefined);
  add('color', style.color !== undefined ? units.color(style.color) : undefined);
  add('background-color', style.background !== undefined ? units.color(style.background) : undefined);
  add('text-align', style.align && ['left', 'center', 'right', 'justify'].includes(style.align) ? style.align : undefined);
  add('margin-top', units.length(style.spaceBefore));
  add('margin-bottom', units.length(style.spaceAfter));
  add('padding', units.length(style.padding));
  add('padding-top', units.length(style.paddingTop));
  add('padding-bottom', units.length(style.paddingBottom));
  add('border-top', units.border(style.borderTop));
  add('border-bottom', units.border(style.borderBottom));
  add('border-left', units.border(style.borderLeft));
  add('max-width', isCssNumber(style.measure) ? `${cssNumber(style.measure)}em` : undefined);
  // Read by the table column rules (tableColumnRules), on this element and the tables inside it.
  add('--table-max-first-column', isCssNumber(style.maxFirstColumn) ? cssNumber(style.maxFirstColumn) : undefined);
  add('--table-min-column', isCssNumber(style.minColumn) ? cssNumber(style.minColumn) : undefined);
  // Trailing matter stays with what comes before it when printed, as in the PDF.
  add('break-before', style.keepWithPrevious === true ? 'avoid-page' : undefined);
  return out;
}

/** Token values → CSS values for one theme. */
class Units {
  constructor(
    private readonly tokens: ThemeTokens,
    private readonly bodySize: number,
  ) {}

  /** Points → rem relative to the body size. */
  length(points: number | undefined): string | undefined {
    if (!isCssNumber(points)) return undefined;
    if (points === 0) return '0';
    if (points === this.bodySize) return '1rem';
    return `calc(${cssNumber(points)} / ${cssNumber(this.bodySize)} * 1rem)`;
  }

  /** A colour token → its custom property; anything else is a literal colour. */
  color(value: string): string | undefined {
    if (!Object.hasOwn(this.tokens.colors, value)) return safeColorLiteral(value);
    return safeColorLiteral(this.tokens.colors[value] ?? '') ? `var(--color-${cssName(value)})` : undefined;
  }

  font(family: string): string | undefined {
    return Object.hasOwn(this.tokens.fonts, family) ? `var(--font-${cssName(family)})` : undefined;
  }

  border(border: { width: number; color: string } | undefined): string | undefined {
    if (!border || !isCssNumber(border.width)) return undefined;
    const color = this.color(border.color);
    return color ? `${cssNumber(border.width)}pt solid ${color}` : undefined;
  }
}

function rule(selector: string, declarations: readonly string[]): string {
  return `${selector} {\n${declarations.map((declaration) => `  ${declaration}`).join('\n')}\n}`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
