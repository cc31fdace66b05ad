import type { Dataset } from '../load/dataset-schema.js';
import type { LoadedDataset } from '../load/load-dataset.js';
import type { Diagnostic } from '../shared/diagnostic.js';
import { hasErrors } from '../shared/diagnostic.js';
import { buildViewModel, type Edition } from '../view/build-view-model.js';
import { checkGlyphs } from './check-glyphs.js';
import { renderTemplate } from '../templates/render-template.js';
import type { Theme } from '../templates/theme.js';
import { templateTagLocator } from '../templates/locate-in-templates.js';
import { parseMarkup } from '../tree/parse-markup.js';
import type { DocumentNode } from '../tree/document-tree.js';
import { embedFonts, writeHtml } from '../writers/html/write-html.js';
import { drawPlannedPdf, planPdf, streamPlannedPdf, textAreaProblem, type PageSize, type PdfBlockSink } from '../writers/pdf/write-pdf.js';
import { applyTypographicQuotes } from '../tree/typographic-quotes.js';
import { ownString } from '../shared/own-string.js';

export type OutputFormat = 'pdf' | 'html';

export interface RenderOptions {
  formats: readonly OutputFormat[];
  pageSize: PageSize;
  landscape?: boolean;
  /** Handout (default), worksheet or answer key. */
  edition?: Edition;
  /** Worksheets and answer keys: keep the detail sections. */
  includeDetails?: boolean;
  /** Creation date for the outputs; see `creationDate`. */
  date?: Date;
}

export interface RenderedHandout {
  pdf?: { bytes: Uint8Array; pageCount: number };
  html?: string;
  diagnostics: Diagnostic[];
}

/** One dataset through the whole pipeline, in memory: view model → markup → tree → writers. */
export async function renderHandout(loaded: Pick<LoadedDataset, 'file' | 'slug' | 'dataset'>, theme: Theme, options: RenderOptions): Promise<RenderedHandout> {
  // A build checks its datasets before handing them to renderers (check-dataset.ts); a library
  // caller gets the same answer about characters no font has, with the field they are in.
  if (options.formats.includes('pdf')) {
    const glyphProblems = checkGlyphs(loaded.dataset, theme, loaded.file, 'text' in loaded && 'locate' in loaded ? (loaded as LoadedDataset) : undefined);
    if (glyphProblems.length > 0) return { diagnostics: glyphProblems };
  }
  return renderOwnedHandout({ file: loaded.file, slug: loaded.slug, dataset: loaded.dataset }, theme, options);
}

/** A dataset handed over to `renderOwnedHandout`, which empties it as it goes. */
export interface OwnedDataset {
  file: string;
  slug: string;
  dataset?: Dataset;
}

/** A handout whose PDF went to a sink as it was written (see renderOwnedHandout). */
export interface StreamedHandout extends Omit<RenderedHandout, 'pdf'> {
  pdf?: { pageCount: number };
}

/**
 * `renderHandout` for a caller that keeps no other reference to the dataset (a build task): once the
 * document tree is built, the dataset is let go, and once the pages are laid out, the tree too. For a
 * 10,000-row table each is tens of megabytes that the drawing of the PDF does not need. Given a
 * `pdfSink`, the PDF's bytes go there as they are written instead of into the result.
 */
export async function renderOwnedHandout(owned: OwnedDataset, theme: Theme, options: RenderOptions): Promise<RenderedHandout>;
export async function renderOwnedHandout(owned: OwnedDataset, theme: Theme, options: RenderOptions, pdfSink: PdfBlockSink): Promise<StreamedHandout>;
export async function renderOwnedHandout(owned: OwnedDataset, theme: Theme, options: RenderOptions, pdfSink?: PdfBlockSink): Promise<RenderedHandout | StreamedHandout> {
  const { file } = owned;
  const prepared = prepareDocument(owned, theme, options);
  delete owned.dataset;
  if (!prepared.document) return { diagnostics: prepared.diagnostics };
  const withFile = (diagnostics: Diagnostic[]) => diagnostics.map((d) => ({ ...d, file: d.file ?? file }));
  const result: RenderedHandout | StreamedHandout = { diagnostics: [] };
  const layoutOptions = { pageSize: options.pageSize, ...(options.landscape ? { landscape: true } : {}) };
  // HTML first: the PDF's page model is then drawn without the document tree alive beside it.
  const html = options.formats.includes('html') ? writeHtml(prepared.document, theme, { ...layoutOptions, fontCss: (await embedFonts(prepared.document, theme)).css }) : undefined;
  if (options.formats.includes('pdf')) {
    // The tree is this function's own and nothing reads it after planning: it is used up as it is measured.
    const planned = planPdf(prepared.document, theme, layoutOptions, { ownsTree: true });
    delete prepared.document;
    const pdf: { bytes?: Uint8Array; pageCount: number; diagnostics: Diagnostic[] } = pdfSink ? await streamPlannedPdf(planned, theme, pdfSink) : await drawPlannedPdf(planned, theme);
    result.diagnostics.push(...withFile(pdf.diagnostics));
    if (hasErrors(pdf.diagnostics)) return result;
    result.pdf = pdf.bytes ? { bytes: pdf.bytes, pageCount: pdf.pageCount } : { pageCount: pdf.pageCount };
  }
  if (html !== undefined) result.html = html;
  return result;
}

/** The document tree, or why there is none. */
function prepareDocument(owned: OwnedDataset, theme: Theme, options: RenderOptions): { document?: DocumentNode; diagnostics: Diagnostic[] } {
  const { dataset, file, slug } = owned;
  if (!dataset) throw new Error(`the dataset of ${file} was already rendered`);
  // Margins that leave no text area would give a PDF of one letter per line, and the same pages printed from the HTML.
  const area = textAreaProblem(theme, options.pageSize, options.landscape === true);
  if (area) return { diagnostics: [area] };
  return buildDocument({ file, slug, dataset }, theme, options);
}

/** Dataset → document tree (view model, theme templates, markup), shared by handouts and class packs. */
export function buildDocument(loaded: Pick<LoadedDataset, 'file' | 'slug' | 'dataset'>, theme: Theme, options: Pick<RenderOptions, 'edition' | 'includeDetails' | 'date'>): { document?: DocumentNode; diagnostics: Diagnostic[] } {
  const { dataset, file } = loaded;
  const markup = renderMarkup(loaded, theme, options);
  if (!markup.markup) return { diagnostics: markup.diagnostics };
  const tree = parseMarkup(markup.markup, `${theme.directory} (rendered for ${file})`, { locateTag: templateTagLocator(theme) });
  if (!tree.markup) return { diagnostics: tree.diagnostics };
  applyTypographicQuotes(tree.markup, dataset.meta.language);
  // The metadata outlives the dataset (to the PDF's end): its own strings, not views into the dataset
  // file's text, which would keep all of that alive as long (see ownString).
  const subject = dataset.subtitle ?? markup.comparisonCaption;
  return {
    document: {
      type: 'document',
      meta: {
        title: ownString(dataset.title),
        language: dataset.meta.language,
        ...(dataset.meta.author ? { author: ownString(dataset.meta.author) } : {}),
        ...(subject !== undefined ? { subject: ownString(subject) } : {}),
        keywords: dataset.subjects.map((subject) => ownString(subject.name)),
        date: options.date ?? creationDate(dataset.meta.date),
      },
      ...tree.markup,
    },
    diagnostics: [],
  };
}

/**
 * Dataset → the theme's markup. The view model is let go when this returns, before the markup is
 * parsed (tens of megabytes for a 100,000-row table, not needed beside the parser's work).
 */
function renderMarkup(loaded: Pick<LoadedDataset, 'file' | 'slug' | 'dataset'>, theme: Theme, options: Pick<RenderOptions, 'edition' | 'includeDetails'>): { markup?: string; comparisonCaption?: string; diagnostics: Diagnostic[] } {
  const { dataset, file, slug } = loaded;
  const view = buildViewModel(dataset, { slug, file, edition: options.edition ?? 'handout', includeDetails: options.includeDetails === true });
  if (!view.view) return { diagnostics: view.diagnostics.map((d) => ({ ...d, file: d.file ?? file })) };
  const markup = renderTemplate(theme, view.view);
  if (!markup.markup) return { diagnostics: markup.diagnostics };
  return { markup: markup.markup, comparisonCaption: view.view.labels.comparisonCaption, diagnostics: [] };
}

/**
 * Outputs carry a fixed date so equal inputs give byte-identical files: `SOURCE_DATE_EPOCH` (the
 * reproducible-builds convention) when set, else the dataset's `meta.date`, else the Unix epoch.
 */
export function creationDate(metaDate: string | undefined, environment: NodeJS.ProcessEnv = process.env): Date {
  const epoch = environment.SOURCE_DATE_EPOCH;
  const fromEpoch = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : undefined;
  // Past the last date JavaScript can hold (the CLI refuses such a value, naming the variable).
  if (fromEpoch && !Number.isNaN(fromEpoch.getTime())) return fromEpoch;
  const fromMeta = metaDate ? new Date(`${metaDate}T12:00:00Z`) : undefined;
  // The loader refuses impossible dates; a library caller's unchecked one must not crash the writer.
  if (fromMeta && !Number.isNaN(fromMeta.getTime())) return fromMeta;
  return new Date(0);
}
