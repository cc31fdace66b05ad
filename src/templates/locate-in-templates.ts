import type { SourcePosition } from '../shared/diagnostic.js';
import type { Theme } from './theme.js';

/**
 * Finds where a rendered element was written in the theme's templates: its opening tag as rendered
 * (`<img src="logo.png">`) if a template has it verbatim, else the first `<img` of any template. Markup
 * problems are then reported at the `.hbs` line to edit, not at a line of the rendered output, which
 * the user never sees. Dataset text cannot produce elements (it is escaped), so a tag comes from a
 * template.
 */
export function templateTagLocator(theme: Theme): (tag: string, name: string) => { file: string; position: SourcePosition } | undefined {
  const files = theme.templateFiles;
  if (!files) return () => undefined;
  const sources: { file: string; text: string }[] = [
    ...Object.entries(theme.templates.partials).flatMap(([name, text]) => (files.partials[name] ? [{ file: files.partials[name]!, text }] : [])),
    ...(files.main ? [{ file: files.main, text: theme.templates.main }] : []),
    ...(files.pack && theme.templates.pack !== undefined ? [{ file: files.pack, text: theme.templates.pack }] : []),
  ];
  const at = (text: string, offset: number): SourcePosition => {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    return { line: text.slice(0, lineStart).split('\n').length, column: offset - lineStart + 1 };
  };
  return (tag, name) => {
    for (const { file, text } of sources) {
      const offset = text.indexOf(tag);
      if (offset >= 0) return { file, position: at(text, offset) };
    }
    const opening = new RegExp(`<${name.replace(/[^\w-]/g, '')}(?=[\\s/>])`, 'i');
    for (const { file, text } of sources) {
      const match = opening.exec(text);
      if (match) return { file, position: at(text, match.index) };
    }
    return undefined;
  };
}
