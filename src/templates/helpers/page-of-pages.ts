import type { SafeStringFactory } from './helper-support.js';
import { escapeHtml } from './helper-support.js';

/**
 * `{{page-of-pages labels.pageOfPages}}`: "Page {page} of {pages}" with the placeholders turned into
 * field slots that each writer fills once pagination is known (the PDF layout, or CSS counters).
 */
export function pageOfPagesHelper(safe: SafeStringFactory) {
  return function pageOfPages(label: unknown) {
    if (typeof label !== 'string') throw new Error('page-of-pages: expected a label such as "Page {page} of {pages}"');
    return safe(
      escapeHtml(label)
        .replace('{page}', '<span data-field="page-number"></span>')
        .replace('{pages}', '<span data-field="page-count"></span>'),
    );
  };
}
