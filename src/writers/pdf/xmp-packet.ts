/**
 * The XMP metadata of a handout's PDF: the same facts as the document information dictionary (title,
 * author, subject, keywords, creator, producer, date) as RDF/XML. Every value is escaped as XML text,
 * so a title such as `Salt & Pepper <3` stays one well-formed string and no value can add elements,
 * a DOCTYPE or entity references of its own to the packet that XMP readers parse.
 */
export interface XmpFacts {
  title?: string;
  author?: string;
  subject?: string;
  keywords?: string;
  creator?: string;
  producer?: string;
  created?: Date;
}

// Characters XML 1.0 cannot carry at all, not even as a character reference: C0 controls other
// than tab, line feed and carriage return, unpaired surrogates, U+FFFE and U+FFFF. The loader
// refuses them in datasets; this keeps the packet well-formed whatever reaches it.
// eslint-disable-next-line no-control-regex
const notXmlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** `text` as XML character data or an attribute value: markup characters as entities. */
export function escapeXml(text: string): string {
  // `\r` as a reference: a literal one would be normalised to a line feed by every XML parser.
  return text.replace(notXmlCharacter, '\uFFFD').replace(/[&<>"']/g, (char) => entities[char]!).replace(/\r/g, '&#13;');
}

/** The `rdf:Description` elements of the packet (pdfkit wraps them in `x:xmpmeta`/`rdf:RDF`). */
export function xmpDescriptions(facts: XmpFacts): string {
  const lines: string[] = [];
  const element = (name: string, value: string | undefined) => (value ? [`<${name}>${escapeXml(value)}</${name}>`] : []);
  lines.push(
    '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    ...(facts.created ? [`<xmp:CreateDate>${facts.created.toISOString().split('.')[0]}Z</xmp:CreateDate>`] : []),
    ...element('xmp:CreatorTool', facts.creator),
    '</rdf:Description>',
  );
  if (facts.title || facts.author || facts.subject) {
    lines.push('<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">');
    if (facts.title) lines.push(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(facts.title)}</rdf:li></rdf:Alt></dc:title>`);
    if (facts.author) lines.push(`<dc:creator><rdf:Seq><rdf:li>${escapeXml(facts.author)}</rdf:li></rdf:Seq></dc:creator>`);
    if (facts.subject) lines.push(`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(facts.subject)}</rdf:li></rdf:Alt></dc:description>`);
    lines.push('</rdf:Description>');
  }
  lines.push('<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">', ...element('pdf:Producer', facts.producer), ...element('pdf:Keywords', facts.keywords), '</rdf:Description>');
  return lines.join('\n');
}
