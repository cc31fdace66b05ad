import type PDFDocument from 'pdfkit';
import { xmpDescriptions } from './xmp-packet.js';

type PdfDoc = InstanceType<typeof PDFDocument>;

/**
 * The one place that reaches into pdfkit's internals, for what its public API cannot do. Each
 * function names the internal it uses, so a pdfkit upgrade is checked here.
 */

interface MetadataInternals {
  info: Record<string, unknown>;
  appendXML(xml: string): void;
  /** pdfkit 0.20 writes the info strings into the XMP packet unescaped (`&` and `<` break it). */
  _addInfo(): void;
}

/** The XMP packet's descriptions written from the document info with every value escaped. */
export function escapeXmpMetadata(doc: PdfDoc): void {
  const internals = doc as unknown as MetadataInternals;
  const text = (key: string) => (typeof internals.info[key] === 'string' ? (internals.info[key] as string) : undefined);
  const created = internals.info.CreationDate;
  internals._addInfo = () =>
    internals.appendXML(
      xmpDescriptions({
        title: text('Title'),
        author: text('Author'),
        subject: text('Subject'),
        keywords: text('Keywords'),
        creator: text('Creator'),
        producer: text('Producer'),
        created: created instanceof Date ? created : undefined,
      }),
    );
}
