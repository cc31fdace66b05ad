import { renderInlineMarkdown, splitParagraphs } from '../inline-markdown.js';
import type { SafeStringFactory } from './helper-support.js';

/** `{{inline text}}`: dataset text as inline markup (paragraph breaks become line breaks). */
export function inlineHelper(safe: SafeStringFactory) {
  return function inline(text: unknown) {
    if (typeof text !== 'string') throw new Error(`inline: expected text, got ${typeof text}`);
    return safe(splitParagraphs(text).map(renderInlineMarkdown).join('<br>'));
  };
}
