/**
 * Stands in for the `linebreak` package in the bundle (see `replacedModules` in scripts/bundle.mjs).
 * pdfkit uses it only to wrap text drawn with a width (its LineWrapper); handout breaks every line
 * itself and draws each one without a width, so the package (and the Unicode table it unpacks as it
 * loads) went unused in every process. Reaching this stub means some drawing asked pdfkit to wrap.
 */
export default class LineBreaker {
  constructor() {
    throw new Error('pdfkit was asked to wrap text (a width was given), but handout breaks lines itself and bundles no line breaker for pdfkit');
  }
}
