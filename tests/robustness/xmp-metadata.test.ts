// Hostile titles, authors, subtitles and subject names reach the PDF's XMP packet as exact strings:
// the packet stays well-formed XML (checked by a real XML parser) and gains no elements, DOCTYPE or
// entities of its own.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderHandout } from '../../src/pipeline/render-handout.js';
import type { DatasetInput } from '../../src/load/dataset-schema.js';
import { loadDatasetText } from '../../src/load/load-dataset.js';
import type { Theme } from '../../src/templates/theme.js';
import { tmpDir } from '../support/paths.js';
import { pdfinfo, pdfXmp } from '../support/poppler.js';
import { datasetYaml, defaultTheme } from './support/round-trip.js';

const injection = 'X </rdf:li></rdf:Alt></dc:title> <!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]> &e;';

/** One hostile string per XMP field it reaches: title, author, subtitle (subject) and subject names (keywords). */
const hostile: { name: string; title: string; author: string; subtitle: string; subjects: [string, string] }[] = [
  { name: 'ampersand and less-than', title: 'Salt & Pepper <3', author: 'Smith & Jones', subtitle: 'A < B > C', subjects: ['Salt & Pepper', 'Fish <3 Chips'] },
  { name: 'structure injection with an external entity', title: injection, author: injection, subtitle: injection, subjects: [injection, '&e; &amp; &#60;'] },
  { name: 'quotes, apostrophes and a CDATA end', title: `"Quoted" 'and' ]]> <![CDATA[x]]>`, author: `O'Brien "the" <author>`, subtitle: '<?xpacket end="w"?>', subjects: ['<!-- c -->', '</x:xmpmeta>'] },
];

let theme: Theme;
beforeAll(async () => {
  theme = await defaultTheme();
});

async function buildPdf(data: DatasetInput, dir: string): Promise<string> {
  const loaded = loadDatasetText(datasetYaml(data), 'hostile-metadata.yaml');
  expect(loaded.diagnostics).toEqual([]);
  const rendered = await renderHandout(loaded.loaded!, theme, { formats: ['pdf'], pageSize: 'A4' });
  expect(rendered.diagnostics).toEqual([]);
  const file = join(dir, 'hostile-metadata.pdf');
  writeFileSync(file, rendered.pdf!.bytes);
  return file;
}

/** Every text node of a parsed XML value, in document order. */
function texts(node: unknown): string[] {
  if (typeof node === 'string') return node.trim() === '' ? [] : [node];
  if (Array.isArray(node)) return node.flatMap(texts);
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([key, value]) => (key.startsWith('@_') ? [] : texts(value)));
  return [];
}

describe('XMP metadata from hostile strings', () => {
  it.each(hostile)('$name: a well-formed packet holding the exact strings', async (cases) => {
    const dir = tmpDir('xmp-metadata');
    const file = await buildPdf(
      {
        title: cases.title,
        subtitle: cases.subtitle,
        meta: { author: cases.author },
        subjects: [
          { id: 'a', name: cases.subjects[0] },
          { id: 'b', name: cases.subjects[1] },
        ],
        summary: 'Both.',
        attributes: [{ name: 'Origin', values: { a: 'here', b: 'there' } }],
      } as DatasetInput,
      dir,
    );
    const xmp = await pdfXmp(file);
    expect(XMLValidator.validate(xmp)).toBe(true);
    expect(xmp).not.toContain('<!DOCTYPE');
    expect(xmp).not.toContain('<!ENTITY');
    // The parser keeps entity references it does not know as text: a packet that declared its own
    // entity would show here as `&e;` replaced by something else.
    const parsed = new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: false, parseTagValue: false, trimValues: false, isArray: () => true });
    const tree = parsed.parse(xmp) as Record<string, unknown>[];
    const rdf = (tree as unknown as Record<string, { 'rdf:RDF': { 'rdf:Description': Record<string, unknown>[] }[] }[]>)['x:xmpmeta']![0]!['rdf:RDF'][0]!['rdf:Description'];
    const field = (name: string) => rdf.flatMap((description) => texts(description[name]));
    expect(field('dc:title')).toEqual([cases.title]);
    expect(field('dc:creator')).toEqual([cases.author]);
    expect(field('dc:description')).toEqual([cases.subtitle]);
    expect(field('pdf:Keywords')).toEqual([cases.subjects.join(', ')]);
    // Exactly the descriptions handout writes: nothing injected beside them.
    expect(rdf.flatMap((description) => Object.keys(description).filter((key) => !key.startsWith('@_') && key !== '#text')).sort()).toEqual(
      ['dc:creator', 'dc:description', 'dc:title', 'pdf:Keywords', 'pdf:Producer', 'pdfuaid:part', 'xmp:CreateDate', 'xmp:CreatorTool'],
    );
    // The information dictionary (a separate reader) agrees.
    const info = await pdfinfo(file);
    expect(info.Title).toBe(cases.title);
    expect(info.Author).toBe(cases.author);
  });
});
