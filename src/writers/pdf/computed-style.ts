import { resolveColor, type BorderToken, type StyleTokens, type ThemeTokens } from '../../templates/theme.js';

/** What the PDF layout needs to know about one element, after cascading the theme's style rules. */
export interface ComputedStyle {
  font: string;
  bold: boolean;
  italic: boolean;
  size: number;
  lineHeight: number;
  color: string;
  align: 'left' | 'center' | 'right' | 'justify';
  background?: string;
  spaceBefore: number;
  spaceAfter: number;
  paddingTop: number;
  paddingBottom: number;
  paddingLeft: number;
  paddingRight: number;
  borderTop?: BorderToken;
  borderBottom?: BorderToken;
  borderLeft?: BorderToken;
  maxFirstColumn: number;
  minColumn: number;
  /** Longest line of a text block, in ems of its own size (not inherited). */
  measure?: number;
  /** Trailing matter that must not sit alone on a last page (not inherited). */
  keepWithPrevious: boolean;
}

/** An element as the selectors see it: its tag and classes. */
export interface ElementKey {
  tag: string;
  classes: readonly string[];
}

interface CompiledRule {
  /** Compound selectors, outermost first; the last one must match the element itself. */
  compounds: { tag?: string; classes: string[] }[];
  specificity: number;
  order: number;
  tokens: StyleTokens;
}

/**
 * A tiny CSS-like cascade over `theme.json` styles: selectors are `tag`, `.class`, `tag.class`, and
 * descendant combinations of those. Inherited properties (font, size, colour…) flow to children; box
 * properties (spacing, padding, borders, background) apply to the element alone.
 */
export class StyleResolver {
  private readonly rules: CompiledRule[];
  private readonly cache = new Map<string, ComputedStyle>();

  constructor(private readonly tokens: ThemeTokens) {
    this.rules = Object.entries(tokens.styles)
      .map(([selector, style], order) => {
        const compounds = selector.trim().split(/\s+/).map(parseCompound);
        const specificity = compounds.reduce((sum, c) => sum + c.classes.length * 10 + (c.tag ? 1 : 0), 0);
        return { compounds, specificity, order, tokens: style };
      })
      .sort((a, b) => a.specificity - b.specificity || a.order - b.order);
  }

  /** Style of the last element of `path` (root first). Cached: paths repeat for every table row. */
  resolve(path: readonly ElementKey[]): ComputedStyle {
    const cacheKey = path.map((key) => `${key.tag}.${key.classes.join('.')}`).join(' ');
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    const parent = path.length > 1 ? this.resolve(path.slice(0, -1)) : undefined;
    const own: StyleTokens = {};
    for (const rule of this.rules) if (matches(rule, path)) Object.assign(own, rule.tokens);
    const style = this.compute(own, parent);
    this.cache.set(cacheKey, style);
    return style;
  }

  private compute(own: StyleTokens, parent: ComputedStyle | undefined): ComputedStyle {
    const color = (value: string | undefined) => (value ? resolveColor(this.tokens, value) : undefined);
    const border = (value: BorderToken | undefined) => (value ? { width: value.width, color: color(value.color)! } : undefined);
    const padding = own.padding ?? 0;
    return {
      font: own.font ?? parent?.font ?? 'body',
      bold: own.weight ? own.weight === 'bold' : (parent?.bold ?? false),
      italic: own.style ? own.style === 'italic' : (parent?.italic ?? false),
      size: own.size ?? parent?.size ?? 10,
      lineHeight: own.lineHeight ?? parent?.lineHeight ?? 1.35,
      color: color(own.color) ?? parent?.color ?? '#000000',
      align: own.align ?? parent?.align ?? 'left',
      ...(own.background ? { background: color(own.background)! } : {}),
      spaceBefore: own.spaceBefore ?? 0,
      spaceAfter: own.spaceAfter ?? 0,
      paddingTop: own.paddingTop ?? padding,
      paddingBottom: own.paddingBottom ?? padding,
      paddingLeft: padding,
      paddingRight: padding,
      ...(own.borderTop ? { borderTop: border(own.borderTop)! } : {}),
      ...(own.borderBottom ? { borderBottom: border(own.borderBottom)! } : {}),
      ...(own.borderLeft ? { borderLeft: border(own.borderLeft)! } : {}),
      maxFirstColumn: own.maxFirstColumn ?? parent?.maxFirstColumn ?? 0.3,
      minColumn: own.minColumn ?? parent?.minColumn ?? 0.1,
      ...(own.measure !== undefined ? { measure: own.measure } : {}),
      keepWithPrevious: own.keepWithPrevious === true,
    };
  }
}

function parseCompound(text: string): { tag?: string; classes: string[] } {
  const [tag, ...classes] = text.split('.');
  return { ...(tag ? { tag } : {}), classes };
}

function compoundMatches(compound: { tag?: string; classes: string[] }, key: ElementKey): boolean {
  return (!compound.tag || compound.tag === key.tag) && compound.classes.every((c) => key.classes.includes(c));
}

function matches(rule: CompiledRule, path: readonly ElementKey[]): boolean {
  const last = path.at(-1);
  const compounds = rule.compounds;
  if (!last || !compoundMatches(compounds.at(-1)!, last)) return false;
  let ancestor = path.length - 2;
  for (let index = compounds.length - 2; index >= 0; index--) {
    while (ancestor >= 0 && !compoundMatches(compounds[index]!, path[ancestor]!)) ancestor--;
    if (ancestor < 0) return false;
    ancestor--;
  }
  return true;
}
