import { parseTree, findNodeAtLocation, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Diagnostic, SourcePosition } from '../shared/diagnostic.js';
import { maxNestingDepth, tooDeep } from './nesting.js';
import type { ParsedSource } from './parse-source.js';
import { plainJsonData } from './plain-json-data.js';

/**
 * JSON text → data with source positions; syntax problems, repeated keys and absurd nesting as
 * diagnostics. Valid JSON (nearly every dataset) is read by `JSON.parse`, without jsonc-parser's
 * syntax tree; positions come from that tree, made only when a problem must be placed. Any other
 * text is read by `parseJsonTree`, with its messages.
 */
export function parseJson(text: string, file: string): { source?: ParsedSource; diagnostics: Diagnostic[] } {
  // jsonc-parser recurses once per bracket: refuse absurd nesting before it can overflow the stack.
  const tooDeepAt = jsonNestingBeyond(text, maxNestingDepth);
  if (tooDeepAt !== undefined) return { diagnostics: [tooDeep(file, positionFinder(text)(tooDeepAt))] };
  const plain = plainJsonData(text);
  if (plain) return { source: { data: plain.data, locate: lazyLocator(text) }, diagnostics: [] };
  return parseJsonTree(text, file);
}

/** `parseJson` by jsonc-parser's syntax tree, for any text not nested too deep. */
export function parseJsonTree(text: string, file: string): { source?: ParsedSource; diagnostics: Diagnostic[] } {
  const toPosition = positionFinder(text);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || !root) {
    return {
      diagnostics: (errors.length > 0 ? errors : [{ error: 1 /* InvalidSymbol */, offset: 0, length: 0 } as unknown as ParseError]).map((error): Diagnostic => {
        const comma = trailingCommaBefore(text, error.offset);
        if (comma !== undefined) {
          return {
            severity: 'error',
            code: 'json-syntax',
            message: 'JSON syntax error: comma after the last item (JSON does not allow trailing commas)',
            file,
            position: toPosition(comma),
            hint: 'remove this comma',
          };
        }
        const code = printParseErrorCode(error.error);
        if (code === 'InvalidCommentToken') {
          return {
            severity: 'error',
            code: 'json-syntax',
            message: 'JSON syntax error: JSON does not allow comments',
            file,
            position: toPosition(error.offset),
            hint: 'remove the comment, or write the dataset as YAML (.yaml), where `# comments` are allowed',
          };
        }
        if ((code === 'CloseBraceExpected' || code === 'CloseBracketExpected') && error.offset >= text.trimEnd().length) {
          const [open, close] = code === 'CloseBraceExpected' ? ['{', '}'] : ['[', ']'];
          return {
            severity: 'error',
            code: 'json-syntax',
            message: `JSON syntax error: the file ends before a \`${open}\` is closed`,
            file,
            position: toPosition(error.offset),
            hint: `add the missing \`${close}\`; an editor that highlights matching brackets shows which one`,
          };
        }
        const control = code === 'InvalidCharacter' ? controlCharacterIn(text, error.offset, error.length) : undefined;
        if (control) {
          return {
            severity: 'error',
            code: 'json-syntax',
            message: `JSON syntax error: the control character ${control.name} inside text`,
            file,
            position: toPosition(control.offset),
            hint: 'remove it; inside JSON text write a line break as \\n and a tab as \\t',
          };
        }
        return {
          severity: 'error',
          code: 'json-syntax',
          // `ValueExpected` → `value expected`
          message: `JSON syntax error: ${code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`,
          file,
          position: toPosition(error.offset),
          hint: 'check for a missing comma, quote or bracket just before this point',
        };
      }),
    };
  }
  const duplicates = findDuplicateJsonKeys(root);
  if (duplicates.length > 0) {
    return {
      diagnostics: duplicates.map((duplicate) => ({
        severity: 'error',
        code: 'duplicate-key',
        message: `the key "${duplicate.value}" appears twice in the same object`,
        file,
        position: toPosition(duplicate.offset),
        hint: 'remove or rename one of them; only one value per key is allowed',
      })),
    };
  }
  return { source: { data: jsonValue(root), locate: lazyLocator(text) }, diagnostics: [] };
}

/**
 * Positions come from a second parse of the same text, made only when a problem must be placed: the
 * syntax tree with its offsets is many times the size of the data, and a valid dataset never needs
 * it. Built apart from `parseJson` so that the returned function holds the text alone.
 */
function lazyLocator(text: string): ParsedSource['locate'] {
  let positioned: { root: JsonNode; toPosition: (offset: number) => SourcePosition } | undefined;
  return (path, options) => {
    positioned ??= { root: parseTree(text, [], { allowTrailingComma: false, disallowComments: true })!, toPosition: positionFinder(text) };
    const { root, toPosition } = positioned;
    let node: JsonNode | undefined;
    for (let depth = path.length; depth >= 0 && !node; depth--) node = findNodeAtLocation(root, [...path.slice(0, depth)]);
    if (!node) return undefined;
    const keyNode = options?.key && node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
    const found = keyNode ?? node;
    return toPosition(options?.end ? found.offset + found.length : found.offset);
  };
}

/** Offset in `text` → line and column. */
function positionFinder(text: string): (offset: number) => SourcePosition {
  const lines = lineStarts(text);
  return (offset) => {
    let low = 0;
    let high = lines.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((lines[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (lines[low] ?? 0) + 1 };
  };
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

/** Every repeated key (its second and later occurrences), in source order. */
function findDuplicateJsonKeys(node: JsonNode, found: JsonNode[] = []): JsonNode[] {
  if (node.type === 'object') {
    const seen = new Set<string>();
    for (const property of node.children ?? []) {
      const key = property.children?.[0];
      if (!key) continue;
      if (seen.has(String(key.value))) found.push(key);
      seen.add(String(key.value));
    }
  }
  for (const child of node.children ?? []) findDuplicateJsonKeys(child, found);
  return found.sort((a, b) => a.offset - b.offset);
}

/** Offset of the `,` in `[1, 2, ]` or `{"a": 1, }` when the error is at the closing bracket. */
function trailingCommaBefore(text: string, offset: number): number | undefined {
  if (text[offset] !== ']' && text[offset] !== '}') return undefined;
  let index = offset - 1;
  while (index >= 0 && /\s/.test(text[index]!)) index--;
  return text[index] === ',' ? index : undefined;
}

/** Offset of the first `[` or `{` nested deeper than `limit` (outside strings), if any. */
function jsonNestingBeyond(text: string, limit: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 92 /* \\ */) index++;
      else if (char === 34 /* " */) inString = false;
    } else if (char === 34) inString = true;
    else if (char === 91 /* [ */ || char === 123 /* { */) {
      if (++depth > limit) return index;
    } else if (char === 93 /* ] */ || char === 125 /* } */) depth--;
  }
  return undefined;
}

/** A raw control character in `text[offset, offset + length)` (JSON text must escape them). */
function controlCharacterIn(text: string, offset: number, length: number): { offset: number; name: string } | undefined {
  for (let index = offset; index < Math.min(text.length, offset + Math.max(1, length)); index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return { offset: index, name: `U+${code.toString(16).toUpperCase().padStart(4, '0')}` };
  }
  return undefined;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) === 10) starts.push(index + 1);
  return starts;
}
