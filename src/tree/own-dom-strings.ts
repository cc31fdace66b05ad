import { hasChildren, isTag, isText, type ChildNode, type Document } from 'domhandler';
import { ownString } from '../shared/own-string.js';

/**
 * Gives the parsed markup's texts and attribute values strings of their own. The parser cuts them
 * out of the whole rendered markup as views into it, and the document tree keeps them (and what the
 * writers make of them) until the PDF is drawn: without this, one kept piece of text keeps the whole
 * markup, tens of megabytes for a long table, alive that long.
 */
export function ownDomStrings(document: Document): void {
  const visit = (nodes: readonly ChildNode[]) => {
    for (const node of nodes) {
      if (isText(node)) node.data = ownString(node.data);
      if (isTag(node)) for (const name of Object.keys(node.attribs)) node.attribs[name] = ownString(node.attribs[name]!);
      if (hasChildren(node)) visit(node.children);
    }
  };
  visit(document.children);
}
