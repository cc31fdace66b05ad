import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import type { Diagnostic, SourcePosition } from '../shared/diagnostic.js';
import { scriptElementProblems } from './script-elements.js';
import { ownDomStrings } from './own-dom-strings.js';
import type { MarkupContext, ParsedMarkup } from './markup-context.js';
import { readBlocks } from './read-blocks.js';
import { readInlines } from './read-inlines.js';

export type { ParsedMarkup } from './markup-context.js';

export interface ParseMarkupOptions {
  /**
   * Where an element's opening tag (as rendered, e.g. `<img src="x.png">`) is written in the templates,
   * so a problem is reported at the `.hbs` line the user must edit rather than a line of the output.
   */
  locateTag?: (tag: string, name: string) => { file: string; position: SourcePosition } | undefined;
}

/**
 * Semantic markup (what templates produce) → document tree, in three steps: parse the HTML, read its
 * blocks (read-blocks.ts, with tables and Venn figures in their own modules) and their inline content
 * (read-inlines.ts). The markup is a small, documented subset of HTML; anything else is a template
 * error with the element's place, never silently dropped content.
 */
export function parseMarkup(markup: string, source: string, options: ParseMarkupOptions = {}): { markup?: ParsedMarkup; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const document = parseDocument(markup, { withStartIndices: true, withEndIndices: true, decodeEntities: true, lowerCaseTags: true });
  ownDomStrings(document);
  diagnostics.push(...scriptElementProblems(document, (element) => placeOf(element, markup, source, options)));
  const context: MarkupContext = {
    problem: (element, message, hint) => diagnostics.push({ severity: 'error', code: 'template-markup', message, ...placeOf(element, markup, source, options), hint }),
    inlines: (nodes) => readInlines(nodes, context),
    blocks: (nodes) => readBlocks(nodes, context),
    result: { children: [] },
  };
  context.result.children = readBlocks(document.children, context);
  return diagnostics.length > 0 ? { diagnostics } : { markup: context.result, diagnostics };
}

/** The element in the templates when they can say, else its line in the rendered markup. */
function placeOf(element: ChildNode, markup: string, source: string, options: ParseMarkupOptions): { file: string; position: SourcePosition } {
  const start = element.startIndex ?? 0;
  // `<script>` and `<style>` are elements too, with node types of their own.
  if ((element.type === 'tag' || element.type === 'script' || element.type === 'style') && options.locateTag) {
    const closing = markup.indexOf('>', start);
    const found = options.locateTag(markup.slice(start, closing < 0 ? undefined : closing + 1), (element as Element).name);
    if (found) return found;
  }
  return { file: source, position: { line: markup.slice(0, start).split('\n').length, column: 1 } };
}
