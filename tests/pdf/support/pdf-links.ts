/** Link annotations as pdf.js reads them: what a viewer makes clickable. */
import { readFile } from 'node:fs/promises';
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfLink {
  page: number;
  url: string | undefined;
  /** [x1, y1, x2, y2], PDF user space. */
  rect: number[];
  contents: string | undefined;
  structParent: number | undefined;
}

export async function linkAnnotations(file: string): Promise<PdfLink[]> {
  const task = getDocument({ data: new Uint8Array(await readFile(file)), verbosity: VerbosityLevel.ERRORS, isEvalSupported: false, disableFontFace: true, useSystemFonts: false });
  try {
    const doc = await task.promise;
    const links: PdfLink[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      for (const annotation of (await page.getAnnotations()) as { subtype?: string; url?: string; rect: number[]; contentsObj?: { str?: string }; structParent?: number }[]) {
        if (annotation.subtype !== 'Link') continue;
        links.push({ page: number, url: annotation.url, rect: annotation.rect, contents: annotation.contentsObj?.str, structParent: annotation.structParent });
      }
    }
    return links;
  } finally {
    await task.destroy();
  }
}
