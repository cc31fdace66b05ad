import type { HelperOptions } from 'handlebars';
import { renderInlineMarkdown, splitParagraphs } from '../inline-markdown.js';
import { attributesFromHash, type SafeStringFactory } from './helper-support.js';

/** `{{paragraphs text class="lead"}}`: one `<p>` per paragraph of dataset text, inline Markdown rendered. */
export function paragraphsHelper(safe: SafeStringFactory) {
  return function paragraphs(text: unknown, options: HelperOptions) {
    if (typeof text !== 'string') throw new Error(`paragraphs: expected text, got ${typeof text}`);
    const attributes = attributesFromHash(options.hash);
    return safe(splitParagraphs(text).map((paragraph) => `<p${attributes}>${renderInlineMarkdown(paragraph)}</p>`).join(''));
  };
}
