import { LineCounter, parseDocument, isMap, isPair, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { parseTree, findNodeAtLocation, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Diagnostic, SourcePosition } from '../shared/diagnostic.js';

/**
 * A parsed dataset file: plain data plus a way back to the source, so a validation problem found
 * on the data can still name the line and column the user must edit.
 */
export interface ParsedSource {
  data: unknown;
  /** Position of the value at `path` (or of its key, when `key` is set), if the source has it. */
  locate(path: readonly (string | number)[], options?: { key?: boolean }): SourcePosition | undefined;
}

export type SourceFormat = 'yaml' | 'json';

export function sourceFormatOf(file: string): SourceFormat | undefined {
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  if (/\.json$/i.test(file)) return 'json';
  return undefined;
}

export function parseSource(text: string, format: SourceFormat, file: string): { source?: ParsedSource; diagnostics: Diagnostic[] } {
  return format === 'json' ? parseJson(text, file) : parseYaml(text, file);
}

function parseYaml(text: string, file: string): { source?: ParsedSource; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  // `uniqueKeys` makes a repeated key an error instead of a silent overwrite; `maxAliasCount`
  // refuses alias bombs ("billion laughs") before they expand.
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const toPosition = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const problems = [...document.errors, ...document.warnings];
  if (problems.length > 0) {
    return {
      diagnostics: problems.map((problem) => ({
        severity: 'error',
        code: 'yaml-syntax',
        message: firstLine(problem.message),
        file,
        position: toPosition(problem.pos[0]),
        hint: yamlHint(problem.code),
      })),
    };
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return {
      diagnostics: [
        { severity: 'error', code: 'yaml-syntax', message: firstLine((error as Error).message), file, hint: 'YAML aliases (*name) may be used at most 100 times in a dataset' },
      ],
    };
  }
  const locate: ParsedSource['locate'] = (path, options) => {
    let node: unknown = document.contents;
    let keyNode: unknown;
    for (const part of path) {
      keyNode = undefined;
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(part));
        if (!pair) return rangeStart(node as YamlNode);
        keyNode = pair.key;
        node = pair.value;
      } else if (isSeq(node) && typeof part === 'number') {
        const item = node.items[part];
        if (!item) return rangeStart(node as YamlNode);
        node = item;
      } else {
        return rangeStart(node as YamlNode);
      }
    }
    return rangeStart(((options?.key && keyNode) || node) as YamlNode);
  };
  const rangeStart = (node: YamlNode | null | undefined): SourcePosition | undefined =>
    node && node.range ? toPosition(node.range[0]) : undefined;
  return { source: { data, locate }, diagnostics: [] };
}

function parseJson(text: string, file: string): { source?: ParsedSource; diagnostics: Diagnostic[] } {
  const lines = lineStarts(text);
  const toPosition = (offset: number): SourcePosition => {
    let low = 0;
    let high = lines.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((lines[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (lines[low] ?? 0) + 1 };
  };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || !root) {
    return {
      diagnostics: (errors.length > 0 ? errors : [{ error: 1 /* InvalidSymbol */, offset: 0, length: 0 } as unknown as ParseError]).map((error) => ({
        severity: 'error',
        code: 'json-syntax',
        message: `JSON syntax error: ${printParseErrorCode(error.error)}`,
        file,
        position: toPosition(error.offset),
        hint: 'check for a missing comma, quote or bracket just before this point',
      })),
    };
  }
  const duplicate = findDuplicateJsonKey(root);
  if (duplicate) {
    return {
      diagnostics: [
        {
          severity: 'error',
          code: 'duplicate-key',
          message: `the key "${duplicate.value}" appears twice in the same object`,
          file,
          position: toPosition(duplicate.offset),
          hint: 'remove or rename one of them; only one value per key is allowed',
        },
      ],
    };
  }
  const locate: ParsedSource['locate'] = (path, options) => {
    let node: JsonNode | undefined;
    for (let depth = path.length; depth >= 0 && !node; depth--) node = findNodeAtLocation(root, [...path.slice(0, depth)]);
    if (!node) return undefined;
    const keyNode = options?.key && node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
    return toPosition((keyNode ?? node).offset);
  };
  return { source: { data: jsonValue(root), locate }, diagnostics: [] };
}

/** Build plain objects without ever assigning through `__proto__`, which would change prototypes. */
function jsonValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': {
      const object: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value) Object.defineProperty(object, String(key.value), { value: jsonValue(value), enumerable: true, writable: true, configurable: true });
      }
      return object;
    }
    case 'array':
      return (node.children ?? []).map(jsonValue);
    default:
      return node.value;
  }
}

function findDuplicateJsonKey(node: JsonNode): JsonNode | undefined {
  if (node.type === 'object') {
    const seen = new Set<string>();
    for (const property of node.children ?? []) {
      const key = property.children?.[0];
      if (!key) continue;
      if (seen.has(String(key.value))) return key;
      seen.add(String(key.value));
    }
  }
  for (const child of node.children ?? []) {
    const found = findDuplicateJsonKey(child);
    if (found) return found;
  }
  return undefined;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) === 10) starts.push(index + 1);
  return starts;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function yamlHint(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'each key may appear once per object; remove or rename the repeated one';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation: nested keys line up under their parent, with spaces, not tabs';
    case 'TAB_AS_INDENT':
      return 'YAML indentation must use spaces, not tabs';
    case 'MULTILINE_IMPLICIT_KEY':
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'a text containing ": " must be quoted, or written as a block with `|`';
    default:
      return 'quote text that contains `: `, `#` or starts with a special character; use `|` for multi-line text';
  }
}
