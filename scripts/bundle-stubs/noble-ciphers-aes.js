/**
 * Stands in for `@noble/ciphers/aes` in the bundle (see `replacedModules` in scripts/bundle.mjs).
 * pdfkit uses AES only to encrypt a PDF that has a password; handout writes no encrypted PDFs, and
 * the module computes its tables as it loads, in every process. Reaching this stub means a PDF was
 * asked to be encrypted.
 */
const unavailable = () => {
  throw new Error('handout writes no encrypted PDFs, and bundles no AES cipher for pdfkit');
};
export const cbc = unavailable;
export const ecb = unavailable;
