/** The link annotations of a PDF as pdf.js reads them: every URI a reader can follow, page by page. */
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfLink {
  page: number;
  /** The raw /URI of the annotation's action (pdf.js `unsafeUrl`), whatever its scheme. */
  uri: string | undefined;
  /** Other actions a link could carry (JavaScript, Launch, GoToR…), by their pdf.js field names. */
  otherActions: string[];
}

export async function pdfLinks(bytes: Uint8Array): Promise<PdfLink[]> {
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: VerbosityLevel.ERRORS });
  try {
    const doc = await task.promise;
    const links: PdfLink[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      for (const annotation of (await page.getAnnotations()) as Record<string, unknown>[]) {
        if (annotation.subtype !== 'Link') continue;
        const otherActions = ['action', 'actions', 'attachment', 'newWindow', 'setOCGState', 'resetForm'].filter((key) => annotation[key] !== undefined && annotation[key] !== false);
        links.push({ page: number, uri: (annotation.unsafeUrl as string | undefined) ?? (annotation.url as string | undefined), otherActions });
      }
      page.cleanup();
    }
    return links;
  } finally {
    await task.destroy();
  }
}
