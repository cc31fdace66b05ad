/**
 * The machine-checkable part of PDF/UA-1 (ISO 14289-1) that tools on this machine can verify, each
 * check through a reader independent of pdfkit: qpdf (object graph), poppler (fonts, XMP) and pdf.js
 * (marked content in the page streams against the structure tree). Not a replacement for veraPDF or
 * PAC (not available here); see docs/pdf-accessibility.md for what is and is not covered.
 *
 * Run on any PDF: npx tsx tests/pdf/support/check-pdf-ua.ts output/<slug>.pdf
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import * as fontkit from 'fontkit';
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pdffonts, pdfXmp } from '../../support/poppler.js';
import { asArray, pdfString, readPdfObjects, type PdfDict, type PdfObjects, type PdfValue } from './pdf-objects.js';

export interface PdfUaCheck {
  /** Short name, e.g. "catalog /Lang". */
  name: string;
  /** The clause of ISO 14289-1 or the Matterhorn Protocol checkpoint it stands for. */
  reference: string;
  problems: string[];
}

const run = promisify(execFile);

/** Decoded data of stream object `ref` ("12 0 R"), read by qpdf. */
async function streamData(file: string, ref: string): Promise<Buffer> {
  const { stdout } = await run('qpdf', [`--show-object=${ref.split(' ')[0]}`, '--filtered-stream-data', file], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/**
 * Embedded TrueType CID fonts: an Identity CIDToGIDMap (or a stream), and a CIDSet, when present,
 * naming exactly the glyphs the embedded subset holds (ISO 14289-1 7.21.3.1, 7.21.3.2).
 */
async function cidFontProblems(file: string, objects: PdfObjects): Promise<string[]> {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const { dict: page } of objects.pages) {
    const fonts = objects.dict(objects.dict(page['/Resources'])?.['/Font']) ?? {};
    for (const ref of Object.values(fonts)) {
      const font = objects.dict(ref);
      for (const descendantRef of asArray(font?.['/DescendantFonts'])) {
        if (typeof descendantRef !== 'string' || seen.has(descendantRef)) continue;
        seen.add(descendantRef);
        const descendant = objects.dict(descendantRef);
        if (descendant?.['/Subtype'] !== '/CIDFontType2') continue;
        const name = String(descendant['/BaseFont']);
        const map = descendant['/CIDToGIDMap'];
        if (map !== '/Identity' && typeof map !== 'string') problems.push(`${name}: no CIDToGIDMap`);
        const descriptor = objects.dict(descendant['/FontDescriptor']);
        const cidSet = descriptor?.['/CIDSet'];
        const fontFile = descriptor?.['/FontFile2'];
        if (typeof cidSet !== 'string' || typeof fontFile !== 'string') continue;
        const embedded = fontkit.create(await streamData(file, fontFile)) as fontkit.Font;
        const bits = await streamData(file, cidSet);
        const glyphs = embedded.numGlyphs;
        for (let gid = 0; gid < bits.length * 8; gid++) {
          const set = (bits[gid >> 3]! & (0x80 >> (gid & 7))) !== 0;
          if (gid < glyphs && !set) problems.push(`${name}: CIDSet lacks glyph ${gid} of ${glyphs}`);
          if (gid >= glyphs && set) problems.push(`${name}: CIDSet names glyph ${gid}, the subset has ${glyphs}`);
          if (problems.length > 20) return problems;
        }
      }
    }
  }
  return problems;
}

/** Outline items: /Count as ISO 32000-1 12.3.3 defines it (PDFBox Preflight rule 1.4.9 checks it too). */
function outlineProblems(objects: PdfObjects): string[] {
  const problems: string[] = [];
  const root = objects.dict(objects.catalog['/Outlines']);
  if (!root) return problems;
  // Returns the descendants visible while `item` is open.
  const visit = (item: PdfDict, name: string, isRoot: boolean): number => {
    let shown = 0;
    let child = objects.dict(item['/First']);
    for (let guard = 0; child && guard < 100_000; guard++) {
      const count = child['/Count'];
      const inside = visit(child, pdfString(objects.resolve(child['/Title'])) ?? '?', false);
      shown += 1 + (typeof count === 'number' && count > 0 ? inside : 0);
      child = objects.dict(child['/Next']);
    }
    const count = item['/Count'];
    if (shown > 0 || item['/First']) {
      const expected = isRoot ? [shown] : [shown, -shown];
      if (isRoot && shown === 0) return shown;
      if (typeof count !== 'number' || !expected.includes(count)) problems.push(`${isRoot ? 'outline root' : `"${name}"`}: /Count ${JSON.stringify(count)}, expected ${expected.join(' or ')}`);
    }
    return shown;
  };
  visit(root, 'root', true);
  return problems;
}

/** Standard structure types of ISO 32000-1, 14.8.4. */
const standardTypes = new Set(
  'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private H H1 H2 H3 H4 H5 H6 P L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form'.split(' '),
);
const allowedChildren: Record<string, Set<string>> = {
  Table: new Set(['TR', 'THead', 'TBody', 'TFoot', 'Caption']),
  THead: new Set(['TR']),
  TBody: new Set(['TR']),
  TFoot: new Set(['TR']),
  TR: new Set(['TH', 'TD']),
  L: new Set(['LI', 'L', 'Caption']),
  LI: new Set(['Lbl', 'LBody']),
};

interface StructElement {
  type: string;
  dict: PdfDict;
  children: StructElement[];
  /** Marked-content ids of this element itself, with the page they are on. */
  mcids: { page: string; mcid: number }[];
  /** Annotations (OBJR) of this element. */
  objects: string[];
}

function readStructTree(objects: PdfObjects): StructElement | undefined {
  const root = objects.dict(objects.catalog['/StructTreeRoot']);
  if (!root) return undefined;
  const roleMap = objects.dict(root['/RoleMap']) ?? {};
  const visit = (ref: PdfValue, inheritedPage: string | undefined, seen: Set<string>): StructElement | undefined => {
    const dict = objects.dict(ref);
    if (!dict) return undefined;
    if (typeof ref === 'string') {
      if (seen.has(ref)) return undefined;
      seen.add(ref);
    }
    const raw = String(dict['/S'] ?? '').replace(/^\//, '');
    const mapped = typeof roleMap[`/${raw}`] === 'string' ? String(roleMap[`/${raw}`]).replace(/^\//, '') : raw;
    const page = typeof dict['/Pg'] === 'string' ? (dict['/Pg'] as string) : inheritedPage;
    const element: StructElement = { type: mapped, dict, children: [], mcids: [], objects: [] };
    for (const kid of asArray(dict['/K'])) {
      if (typeof kid === 'number') {
        if (page) element.mcids.push({ page, mcid: kid });
        continue;
      }
      const kidDict = objects.dict(kid);
      if (!kidDict) continue;
      if (kidDict['/Type'] === '/MCR') element.mcids.push({ page: String(kidDict['/Pg'] ?? page), mcid: Number(kidDict['/MCID']) });
      else if (kidDict['/Type'] === '/OBJR') element.objects.push(String(kidDict['/Obj']));
      else {
        const child = visit(kid, page, seen);
        if (child) element.children.push(child);
      }
    }
    return element;
  };
  const top: StructElement = { type: 'StructTreeRoot', dict: root, children: [], mcids: [], objects: [] };
  const seen = new Set<string>();
  for (const kid of asArray(root['/K'])) {
    const child = visit(kid, undefined, seen);
    if (child) top.children.push(child);
  }
  return top;
}

function walk(element: StructElement, visit: (element: StructElement, parent: StructElement | undefined) => void, parent?: StructElement) {
  visit(element, parent);
  for (const child of element.children) walk(child, visit, element);
}

/** pdf.js: text shown outside both artifacts and tagged marked content, per page. */
async function untaggedText(file: string): Promise<string[]> {
  const task = getDocument({ data: new Uint8Array(await readFile(file)), verbosity: VerbosityLevel.ERRORS, isEvalSupported: false, disableFontFace: true, useSystemFonts: false });
  const problems: string[] = [];
  try {
    const doc = await task.promise;
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const tree = await page.getStructTree();
      const tagged = new Set<string>();
      const collect = (node: { type?: string; id?: string; children?: unknown[] }) => {
        if (node.type === 'content' && node.id) tagged.add(node.id);
        for (const child of node.children ?? []) collect(child as typeof node);
      };
      if (tree) collect(tree as never);
      const content = await page.getTextContent({ includeMarkedContent: true });
      const stack: { tag: string; id: string | null }[] = [];
      for (const item of content.items as { type?: string; tag?: string; id?: string | null; str?: string }[]) {
        if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') stack.push({ tag: item.tag ?? '', id: item.id ?? null });
        else if (item.type === 'endMarkedContent') stack.pop();
        else if (item.str && item.str.trim() !== '') {
          const artifact = stack.some((entry) => entry.tag === 'Artifact');
          const id = [...stack].reverse().find((entry) => entry.id)?.id;
          if (!artifact && !(id && tagged.has(id))) problems.push(`page ${number}: "${item.str.slice(0, 40)}" is neither tagged nor an artifact`);
        }
      }
      page.cleanup();
    }
  } finally {
    await task.destroy();
  }
  return problems;
}

export async function checkPdfUa(file: string): Promise<PdfUaCheck[]> {
  const objects = await readPdfObjects(file);
  const { catalog } = objects;
  const checks: PdfUaCheck[] = [];
  const check = (name: string, reference: string, problems: string[]) => checks.push({ name, reference, problems });
  const info = objects.dict(objects.trailer['/Info']) ?? {};
  const xmp = await pdfXmp(file);

  check('XMP metadata identifies PDF/UA-1', 'ISO 14289-1 5 / Matterhorn 06-002', /<pdfuaid:part>1<\/pdfuaid:part>/.test(xmp) ? [] : ['no pdfuaid:part 1 in the XMP metadata']);
  const xmpTitle = /<dc:title>[\s\S]*?<rdf:li[^>]*>([^<]+)<\/rdf:li>/.exec(xmp)?.[1];
  check('document title in XMP dc:title and Info', 'ISO 14289-1 7.1 / Matterhorn 06-003', xmpTitle && pdfString(objects.resolve(info['/Title'])) ? [] : [`dc:title ${JSON.stringify(xmpTitle)}, Info /Title ${JSON.stringify(pdfString(objects.resolve(info['/Title'])))}`]);
  const preferences = objects.dict(catalog['/ViewerPreferences']);
  check('viewer shows the title (DisplayDocTitle)', 'ISO 14289-1 7.1 / Matterhorn 07-001', preferences?.['/DisplayDocTitle'] === true ? [] : ['/ViewerPreferences /DisplayDocTitle is not true']);
  check('document language (catalog /Lang)', 'ISO 14289-1 7.2 / Matterhorn 11-006', pdfString(objects.resolve(catalog['/Lang']))?.trim() ? [] : ['catalog has no /Lang']);
  check('tagged (MarkInfo /Marked true)', 'ISO 14289-1 7.1 / Matterhorn 01-002', objects.dict(catalog['/MarkInfo'])?.['/Marked'] === true ? [] : ['/MarkInfo /Marked is not true']);
  check('no Suspects', 'ISO 14289-1 7.1 / Matterhorn 01-003', objects.dict(catalog['/MarkInfo'])?.['/Suspects'] === true ? ['/MarkInfo /Suspects is true'] : []);

  const tree = readStructTree(objects);
  const structRoot = objects.dict(catalog['/StructTreeRoot']);
  check('structure tree with a parent tree', 'ISO 14289-1 7.1 / Matterhorn 01-006', tree && tree.children.length > 0 && structRoot?.['/ParentTree'] ? [] : ['no /StructTreeRoot with kids and a /ParentTree']);

  const typeProblems: string[] = [];
  const nestingProblems: string[] = [];
  const scopeProblems: string[] = [];
  const headingProblems: string[] = [];
  const linkProblems: string[] = [];
  const emptyProblems: string[] = [];
  const taggedObjects = new Map<string, string>();
  let lastHeading = 0;
  if (tree) {
    walk(tree, (element, parent) => {
      if (element === tree) return;
      if (!standardTypes.has(element.type)) typeProblems.push(`/${element.type} is neither standard nor role-mapped to a standard type`);
      const allowed = parent ? allowedChildren[parent.type] : undefined;
      if (allowed && !allowed.has(element.type)) nestingProblems.push(`${element.type} inside ${parent!.type}`);
      if (element.type === 'TH') {
        const scope = asArray(element.dict['/A']).map((attribute) => objects.dict(attribute)?.['/Scope']).find(Boolean);
        if (scope !== '/Column' && scope !== '/Row' && scope !== '/Both') scopeProblems.push(`TH "${pdfString(objects.resolve(element.dict['/T'])) ?? ''}" has no /Scope`);
      }
      const level = /^H([1-6])$/.exec(element.type)?.[1];
      if (level) {
        if (Number(level) > lastHeading + 1) headingProblems.push(`H${level} follows H${lastHeading || '(none)'}`);
        lastHeading = Number(level);
      }
      for (const object of element.objects) taggedObjects.set(object, element.type);
      if (element.type === 'Link' && (element.objects.length === 0 || element.mcids.length === 0)) linkProblems.push(`a Link element with ${element.mcids.length} text parts and ${element.objects.length} annotations`);
      if (element.children.length === 0 && element.mcids.length === 0 && element.objects.length === 0) emptyProblems.push(`an empty ${element.type} element`);
    });
  }
  check('standard structure types only', 'ISO 14289-1 7.1 / Matterhorn 02-001', typeProblems);
  check('tables and lists nest as ISO 32000 says', 'ISO 14289-1 7.5, 7.6 / Matterhorn 15, 16', nestingProblems);
  check('table header cells have /Scope', 'ISO 14289-1 7.5 / Matterhorn 15-003', scopeProblems);
  check('heading levels do not skip', 'ISO 14289-1 7.4.2 / Matterhorn 14-003', headingProblems);
  check('no empty structure elements', 'good practice (screen readers skip them)', emptyProblems);

  const pageProblems: string[] = [];
  const annotationProblems: string[] = [];
  objects.pages.forEach(({ dict }, index) => {
    const annotations = asArray(dict['/Annots']);
    if (dict['/Tabs'] !== '/S') pageProblems.push(`page ${index + 1}: /Tabs is ${JSON.stringify(dict['/Tabs'])}, not /S`);
    if (typeof dict['/StructParents'] !== 'number') pageProblems.push(`page ${index + 1}: no /StructParents`);
    for (const ref of annotations) {
      const annotation = objects.dict(ref);
      if (!annotation) continue;
      const where = `page ${index + 1}: ${String(annotation['/Subtype'])} annotation ${String(ref)}`;
      if (annotation['/Subtype'] !== '/Link') continue;
      if (!pdfString(objects.resolve(annotation['/Contents']))?.trim()) annotationProblems.push(`${where} has no /Contents (alternate description)`);
      if (typeof annotation['/StructParent'] !== 'number') annotationProblems.push(`${where} has no /StructParent`);
      if (taggedObjects.get(String(ref)) !== 'Link') annotationProblems.push(`${where} is not inside a Link element (found in ${taggedObjects.get(String(ref)) ?? 'none'})`);
    }
  });
  check('pages: tab order follows structure (/Tabs /S) and have /StructParents', 'ISO 14289-1 7.18.3 / Matterhorn 28-009', pageProblems);
  check('link annotations tagged in Link elements, with /Contents', 'ISO 14289-1 7.18.5 / Matterhorn 28-004, 28-011', annotationProblems);
  check('Link elements hold their text and their annotation', 'ISO 32000-1 14.8.4.4.2', linkProblems);

  check('bookmarks: outline /Count consistent', 'ISO 32000-1 12.3.3 (PDFBox Preflight 1.4.9)', outlineProblems(objects));

  const fonts = await pdffonts(file);
  check('all fonts embedded, with Unicode maps', 'ISO 14289-1 7.21.4.1, 7.21.7 / Matterhorn 31-001, 31-027', fonts.filter((font) => !font.emb || !font.uni).map((font) => `${font.name}: embedded ${font.emb}, unicode ${font.uni}`));
  check('CID fonts: CIDToGIDMap, and a CIDSet matching the embedded subset', 'ISO 14289-1 7.21.3.1, 7.21.3.2 / Matterhorn 31-008, 31-010', await cidFontProblems(file, objects));
  check('all text tagged or marked as artifact', 'ISO 14289-1 7.1 / Matterhorn 01-004, 01-005', await untaggedText(file));
  return checks;
}

export function failedChecks(checks: readonly PdfUaCheck[]): string[] {
  return checks.flatMap((check) => check.problems.map((problem) => `${check.name}: ${problem}`));
}
