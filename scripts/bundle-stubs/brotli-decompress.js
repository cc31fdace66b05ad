/**
 * Stands in for `brotli/decompress.js` in the bundle (see `replacedModules` in scripts/bundle.mjs).
 * fontkit imports that decoder only to read WOFF2 font files, which handout does not take (themes name
 * TTF, OTF or WOFF files, and the font book refuses WOFF2 before fontkit would decode one). Loading
 * the real decoder (1.3 MB of JavaScript and its dictionary) cost every process a noticeable part of
 * its start; reaching this stub means that check was bypassed, and it says so.
 */
export default function decompress() {
  throw new Error('handout reads TTF, OTF and WOFF font files; this WOFF2 (Brotli-compressed) font cannot be read: use the TTF or OTF file of the font');
}
