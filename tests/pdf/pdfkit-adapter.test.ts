// The private members of pdfkit and fontkit that handout relies on live in one module, are checked
// against the installed versions, and a change to any of them fails with the member's name.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { loadTheme } from '../../src/templates/load-theme.js';
import { FontBook } from '../../src/writers/pdf/font-book.js';
import { PdfkitInternalsChanged, verifyPdfkitInternals } from '../../src/writers/pdf/pdfkit-adapter.js';
import { fromRoot } from '../support/paths.js';

async function fontBook(): Promise<FontBook> {
  const { theme } = await loadTheme('default');
  return new FontBook(theme!);
}

describe('pdfkit adapter', () => {
  it('finds every private member it uses in the installed pdfkit and fontkit', async () => {
    const fonts = await fontBook();
    expect(() => verifyPdfkitInternals(fonts.parsed({ family: 'body', face: 'regular' }))).not.toThrow();
  });

  it('fails naming the member when one is gone', async () => {
    const fonts = await fontBook();
    const proto = PDFDocument.prototype as unknown as Record<string, unknown>;
    const addContent = proto.addContent;
    delete proto.addContent;
    try {
      expect(() => verifyPdfkitInternals(fonts.parsed({ family: 'body', face: 'regular' }))).toThrow(PdfkitInternalsChanged);
      expect(() => verifyPdfkitInternals(fonts.parsed({ family: 'body', face: 'regular' }))).toThrow(/PDFDocument#addContent/);
    } finally {
      proto.addContent = addContent;
    }
  });

  it('hands out shaped runs no document can change', async () => {
    const fonts = await fontBook();
    const run = fonts.shaped({ family: 'body', face: 'regular' }, 'Coffee');
    expect(Object.isFrozen(run) && Object.isFrozen(run.positions) && Object.isFrozen(run.glyphs)).toBe(true);
    expect(run.positions.every((position) => Object.isFrozen(position))).toBe(true);
    expect(() => ((run.positions[0] as { xAdvance: number }).xAdvance = 0)).toThrow(TypeError);
  });

  it('is the only module of src/ that names those members or sets V8 flags', () => {
    const source = fromRoot('src');
    const files = readdirSync(source, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
    const naming = files.filter((file) => /_font|layoutCache|setFlagsFromString|_glyphs|outlineData/.test(readFileSync(file, 'utf8'))).map((file) => relative(source, file));
    expect(naming).toEqual([join('writers', 'pdf', 'pdfkit-adapter.ts')]);
  });
});
