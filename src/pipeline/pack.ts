import path from 'node:path';
import { hasErrors, type Diagnostic } from '../shared/diagnostic.js';
import { loadTheme } from '../templates/load-theme.js';
import { renderPackTemplate } from '../templates/render-template.js';
import { templateTagLocator } from '../templates/locate-in-templates.js';
import { parseMarkup } from '../tree/parse-markup.js';
import type { DocumentNode } from '../tree/document-tree.js';
import type { Edition } from '../view/build-view-model.js';
import { labelsFor } from '../view/labels.js';
import { joinNames } from '../view/join-names.js';
import { combinePageModels, drawLaidOutPdf, layoutPdf, type LayoutOptions, type PageModel, type PageSize } from '../writers/pdf/write-pdf.js';
import { createDatasetCheck } from './check-dataset.js';
import { unsafeWriteTarget } from './write-target.js';
import { findDatasets } from './find-datasets.js';
import { buildDocument, creationDate } from './render-handout.js';
import { writeAllAtomic } from './write-atomic.js';

export interface PackOptions {
  inputs?: readonly string[];
  /** The PDF to write. */
  out: string;
  edition?: Edition;
  includeDetails?: boolean;
  pageSize?: PageSize;
  theme?: string;
  /** Cover fields; by default taken from the datasets' `meta` when they agree. */
  title?: string;
  course?: string;
  teacher?: string;
  date?: string;
}

export interface PackReport {
  ok: boolean;
  out: string;
  diagnostics: Diagnostic[];
  pageCount?: number;
  /** Each handout with the page it starts on. */
  handouts: { file: string; title: string; page: number; pages: number }[];
}

/**
 * One printable PDF of many handouts: a cover, a contents page with page numbers, then each handout
 * starting on a right-hand page (for duplex printing), with a bookmark per handout. Handouts are laid
 * out exactly as on their own; only the page numbering of the whole pack is new.
 */
export async function pack(options: PackOptions): Promise<PackReport> {
  const out = path.resolve(options.out);
  const report: PackReport = { ok: false, out, diagnostics: [], handouts: [] };
  const found = await findDatasets(options.inputs && options.inputs.length > 0 ? options.inputs : ['data']);
  report.diagnostics.push(...found.diagnostics);
  const unsafe = await unsafeWriteTarget(options.out, { option: '--out', inputs: options.inputs && options.inputs.length > 0 ? options.inputs : ['data'], datasets: found.files });
  if (unsafe) {
    report.diagnostics.push(unsafe);
    return report;
  }
  const themeResult = await loadTheme(options.theme ?? 'default');
  if (!themeResult.theme) {
    report.diagnostics.push(...themeResult.diagnostics);
    return report;
  }
  const theme = themeResult.theme;
  const edition = options.edition ?? 'handout';
  const pageSize = options.pageSize ?? 'A4';

  const parts: { file: string; title: string; subjectNames: string; document: DocumentNode; model: PageModel }[] = [];
  const metas: { course?: string; author?: string; date?: string; language: string }[] = [];
  // The same checks as `validate` and `build` (a pack is a PDF: characters need glyphs).
  const checker = createDatasetCheck({ theme, formats: ['pdf'] });
  const layoutDocument = (document: DocumentNode, layoutOptions: LayoutOptions) => layoutPdf(document, theme, layoutOptions);
  for (const file of found.files) {
    const checked = await checker.checkFile(file);
    report.diagnostics.push(...checked.diagnostics);
    if (!checked.loaded || !checked.ok) continue;
    const { dataset } = checked.loaded;
    const built = buildDocument(checked.loaded, theme, { edition, includeDetails: options.includeDetails === true });
    report.diagnostics.push(...built.diagnostics);
    if (hasErrors(built.diagnostics) || !built.document) continue;
    const { model } = layoutDocument(built.document, { pageSize });
    parts.push({ file, title: dataset.title, subjectNames: joinNames(dataset.subjects.map((s) => s.name), dataset.meta.language), document: built.document, model });
    metas.push({ ...(dataset.meta.course ? { course: dataset.meta.course } : {}), ...(dataset.meta.author ? { author: dataset.meta.author } : {}), ...(dataset.meta.date ? { date: dataset.meta.date } : {}), language: dataset.meta.language });
  }
  if (found.files.length === 0 && found.diagnostics.length === 0) {
    report.diagnostics.push({ severity: 'error', code: 'no-datasets', message: 'no dataset files found for the pack', hint: 'name dataset files or folders, e.g. `handout pack data/ --out pack.pdf`' });
  }
  // A pack with a broken handout would be silently incomplete in class: nothing is written.
  if (hasErrors(report.diagnostics) || parts.length === 0) return report;

  const language = metas[0]!.language;
  const labels = labelsFor(language) ?? labelsFor('en')!;
  const agreed = (values: (string | undefined)[]) => (values.every((value) => value && value === values[0]) ? values[0] : undefined);
  // Datasets dated differently: the newest date says how current the pack is. No date at all: none on
  // the cover (unless SOURCE_DATE_EPOCH fixes one), rather than the Unix epoch's 1970-01-01.
  const newestDate = metas.flatMap((m) => (m.date ? [m.date] : [])).sort().at(-1);
  const epochDate = /^\d+$/.test(process.env.SOURCE_DATE_EPOCH ?? '') ? creationDate(undefined).toISOString().slice(0, 10) : undefined;
  const date = options.date ?? agreed(metas.map((m) => m.date)) ?? newestDate ?? epochDate;
  const course = options.course ?? agreed(metas.map((m) => m.course));
  const title = options.title ?? course ?? labels.classPack;
  const cover = {
    title,
    // The course already is the title when no title was given: do not print it twice.
    course: course !== title ? course : undefined,
    teacher: options.teacher ?? agreed(metas.map((m) => m.author)),
    date,
    count: parts.length === 1 ? labels.oneHandout : labels.handoutCount.replace('{count}', String(parts.length)),
    editionLabel: edition === 'worksheet' ? labels.worksheet : edition === 'answers' ? labels.answerKey : undefined,
  };
  const frontMatter = (pages: number[]) => {
    const markup = renderPackTemplate(theme, { pack: cover, labels, handouts: parts.map((part, index) => ({ title: part.title, subjectNames: part.subjectNames, page: pages[index] ?? 0 })) });
    if (!markup.markup) return { diagnostics: markup.diagnostics };
    const tree = parseMarkup(markup.markup, `${theme.directory}/pack.hbs`, { locateTag: templateTagLocator(theme) });
    if (!tree.markup) return { diagnostics: tree.diagnostics };
    const document: DocumentNode = { type: 'document', meta: { title: cover.title, language, date: creationDate(date) }, ...tree.markup };
    return { document, diagnostics: [] };
  };
  // Page numbers in the contents depend on how long the front matter is: lay it out, number the
  // handouts, lay it out again with the real numbers (the length cannot change: only digits do).
  let front = frontMatter(parts.map(() => 0));
  if (!front.document) {
    report.diagnostics.push(...front.diagnostics);
    return report;
  }
  const draft = combinePageModels([{ model: layoutDocument(front.document, { pageSize }).model, startOnRightHandPage: false }, ...parts.map((part) => ({ model: part.model, startOnRightHandPage: true }))]);
  front = frontMatter(draft.startPages.slice(1));
  // Each handout's running footer counts the pack's pages, so "Page 7" is where the contents says.
  const total = draft.model.pages.length;
  const numbered = parts.map((part, index) => layoutDocument(part.document, { pageSize, pageNumbers: { first: draft.startPages[index + 1]!, total } }).model);
  const combined = combinePageModels([{ model: layoutDocument(front.document!, { pageSize }).model, startOnRightHandPage: false }, ...numbered.map((model) => ({ model, startOnRightHandPage: true }))]);

  // Drawing takes the pages from the model as it draws them: count them first.
  const packPages = combined.model.pages.length;
  const meta = { title: cover.title, language, ...(cover.teacher ? { author: cover.teacher } : {}), subject: parts.map((p) => p.title).join('; '), date: creationDate(date) };
  const { bytes } = await drawLaidOutPdf({ model: combined.model, meta, diagnostics: [] }, theme);
  try {
    await writeAllAtomic([{ path: out, data: bytes }]);
  } catch (error) {
    report.diagnostics.push({ severity: 'error', code: 'write-failed', message: `cannot write ${out} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, hint: 'check the folder exists and is writable' });
    return report;
  }
  report.ok = true;
  report.pageCount = packPages;
  report.handouts = parts.map((part, index) => ({ file: part.file, title: part.title, page: combined.startPages[index + 1]!, pages: part.model.pages.length }));
  return report;
}
