import type { InlineNode } from '../../tree/document-tree.js';
import { InternalError } from '../../shared/diagnostic.js';
import type { StyleTokens, ThemeTokens } from '../../templates/theme.js';
import { cssNumber, cssString, isCssNumber, safeColorLiteral, safeFontList } from './css-values.js';

export interface PageRuleOptions {
  pageSize: 'A4' | 'Letter';
  landscape?: boolean;
  /** The running header and footer slots, shown in the page margins when printed. */
  pageHeader?: readonly InlineNode[];
  /** The edition's mark (Answer key): every page, first included, opposite the running header. */
  pageMark?: readonly InlineNode[];
  pageFooter?: readonly InlineNode[];
}

/**
 * The `@page` rule for printing: paper size and orientation, margins from `tokens.page.margin` (pt),
 * and the running header/footer as margin boxes. Fields become CSS counters, so the footer reads
 * "Page 2 of 5" where the browser supports `counter(pages)` (Chromium does). Like the PDF, the first
 * page has no running header (`@page :first`).
 */
export function pageRule(tokens: ThemeTokens, options: PageRuleOptions): string {
  const { top, right, bottom, left } = tokens.page.margin;
  const margins = [top, right, bottom, left].map((value) => `${cssNumber(isCssNumber(value) ? value : 0)}pt`).join(' ');
  const lines = [`@page {`, `  size: ${options.pageSize} ${options.landscape ? 'landscape' : 'portrait'};`, `  margin: ${margins};`];
  lines.push(...marginBox('top', options.pageHeader, tokens.styles.header, tokens));
  lines.push(...marginBox('bottom', options.pageFooter, tokens.styles.footer, tokens));
  if (options.pageMark) {
    const markStyle = { ...tokens.styles.header, ...tokens.styles['header.page-mark'], align: alignOf(tokens.styles.header) === 'right' ? 'left' : 'right' } as StyleTokens;
    lines.push(...marginBox('top', options.pageMark, markStyle, tokens));
  }
  lines.push('}');
  const header = headerBox(options.pageHeader, tokens.styles.header);
  if (header) {
    // As in the PDF: the first page shows the title block itself, so it has no running header.
    lines.push('@page :first {', `  @${header} {`, '    content: none;', '  }', '}');
  }
  return lines.join('\n');
}

/** The margin box the running header goes in (`top-left` …), or nothing when there is no header. */
function headerBox(slot: readonly InlineNode[] | undefined, style: StyleTokens | undefined): string | undefined {
  if (!slot || contentOf(slot) === '') return undefined;
  return `top-${alignOf(style)}`;
}

function alignOf(style: StyleTokens | undefined): 'left' | 'center' | 'right' {
  return style?.align === 'center' || style?.align === 'right' ? style.align : 'left';
}

function marginBox(edge: 'top' | 'bottom', slot: readonly InlineNode[] | undefined, style: StyleTokens | undefined, tokens: ThemeTokens): string[] {
  const content = slot ? contentOf(slot) : '';
  if (content === '') return [];
  const align = alignOf(style);
  const declarations = [`content: ${content};`, `text-align: ${align};`];
  const family = style?.font && Object.hasOwn(tokens.fonts, style.font) ? tokens.fonts[style.font]?.css : undefined;
  const fontList = family ? safeFontList(family) : undefined;
  if (fontList) declarations.push(`font-family: ${fontList};`);
  if (isCssNumber(style?.size)) declarations.push(`font-size: ${cssNumber(style.size)}pt;`);
  if (style?.weight === 'bold' || style?.weight === 'normal') declarations.push(`font-weight: ${style.weight};`);
  if (style?.style === 'italic' || style?.style === 'normal') declarations.push(`font-style: ${style.style};`);
  // Margin boxes are drawn outside the document, so they get literal colours, not custom properties.
  const color = style?.color ? safeColorLiteral(Object.hasOwn(tokens.colors, style.color) ? (tokens.colors[style.color] ?? '') : style.color) : undefined;
  if (color) declarations.push(`color: ${color};`);
  if (slot?.some(hasBreak)) declarations.push('white-space: pre-line;');
  return [`  @${edge}-${align} {`, ...declarations.map((declaration) => `    ${declaration}`), '  }'];
}

/** Slot inlines → a `content` value: text as quoted strings, fields as page counters. */
export function contentOf(nodes: readonly InlineNode[]): string {
  const parts: string[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') parts.push(cssString(text));
    text = '';
  };
  const walk = (node: InlineNode): void => {
    switch (node.type) {
      case 'text':
      case 'code':
        text += node.value;
        return;
      case 'break':
        text += '\n';
        return;
      case 'field':
        flush();
        parts.push(node.name === 'page-number' ? 'counter(page)' : 'counter(pages)');
        return;
      case 'strong':
      case 'emphasis':
      case 'link':
      case 'span':
        node.children.forEach(walk);
        return;
      default: {
        const unhandled: never = node;
        throw new InternalError(`HTML writer: unhandled inline node ${JSON.stringify(unhandled)}`);
      }
    }
  };
  nodes.forEach(walk);
  flush();
  return parts.join(' ');
}

function hasBreak(node: InlineNode): boolean {
  return node.type === 'break' || ('children' in node && node.children.some(hasBreak));
}
