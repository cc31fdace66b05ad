import { DomUtils } from 'htmlparser2';
import type { ChildNode, Document } from 'domhandler';
import type { Diagnostic, SourcePosition } from '../shared/diagnostic.js';

/**
 * `<script>` and `<style>` in a template's output: htmlparser2 gives them node types of their own
 * (not `tag`), so the markup reader would pass over them without a word. They are template errors, as
 * every element outside the documented subset is: handouts carry no scripts, and styles belong in the
 * theme's style.css and theme.json.
 */
export function scriptElementProblems(document: Document, placeOf: (element: ChildNode) => { file: string; position: SourcePosition }): Diagnostic[] {
  return DomUtils.findAll((element) => element.type === 'script' || element.type === 'style', document.children).map((element) => ({
    severity: 'error',
    code: 'template-markup',
    message: `<${element.name}> is not allowed in a template`,
    ...placeOf(element),
    hint: element.name === 'style' ? 'put styles in the theme\'s style.css (HTML) and theme.json (PDF)' : 'remove it: handouts carry no scripts',
  }));
}
