import type { Diagnostic, SourcePosition } from '../shared/diagnostic.js';
import { parseJson } from './parse-json.js';
import { parseMarkdown } from './parse-markdown.js';
import { parseYaml } from './parse-yaml.js';

export { maxNestingDepth } from './nesting.js';

/**
 * A parsed dataset file: plain data plus a way back to the source, so a validation problem found
 * on the data can still name the line and column the user must edit.
 */
export interface ParsedSource {
  data: unknown;
  /**
   * Position of the value at `path` (or of its key, when `key` is set), if the source has it; with
   * `end`, the position just after the value, so a problem inside a text can be pinned to its character.
   */
  locate(path: readonly (string | number)[], options?: { key?: boolean; end?: boolean }): SourcePosition | undefined;
}

export type SourceFormat = 'yaml' | 'json' | 'markdown';

export function sourceFormatOf(file: string): SourceFormat | undefined {
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  if (/\.json$/i.test(file)) return 'json';
  if (/\.(md|markdown)$/i.test(file)) return 'markdown';
  return undefined;
}

export function parseSource(text: string, format: SourceFormat, file: string): { source?: ParsedSource; diagnostics: Diagnostic[] } {
  switch (format) {
    case 'json':
      return parseJson(text, file);
    case 'markdown':
      return parseMarkdown(text, file);
    case 'yaml':
      return parseYaml(text, file);
  }
}
