import { LineCounter, parseDocument, isAlias, isCollection, isMap, isPair, isScalar, isSeq, visit, type Document, type Node as YamlNode, type YAMLError } from 'yaml';
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

/**
 * Lists and mappings nested deeper than this are refused before anything recurses into them (the
 * parsers, the schema and the renderer all recurse; 100,000 `[` would overflow the stack). Real
 * datasets nest about 15 levels; sections have their own, much smaller limit.
 */
export const maxNestingDepth = 128;

const tooDeep = (file: string, position?: SourcePosition): Diagnostic => ({
  severity: 'error',
  code: 'too-deep',
  message: `lists and mappings are nested more than ${maxNestingDepth} levels deep`,
  file,
  ...(position ? { position } : {}),
  hint: 'a dataset nests only a few levels (sections at most 6); check for brackets that are opened but never closed',
});

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
  const problems = reportableYamlProblems([...document.errors, ...document.warnings]);
  // The parser catches its own stack overflow on absurdly deep nesting and reports it as an error.
  const overflow = problems.find((problem) => /call stack/i.test(problem.message));
  if (overflow) return { diagnostics: [tooDeep(file, toPosition(overflow.pos[0]))] };
  if (problems.length === 0) {
    const structural = checkYamlStructure(document, file, toPosition);
    if (structural.length > 0) return { diagnostics: structural };
  }
  if (problems.length > 0) {
    // Scalars by start offset and by end offset, to name a repeated key and find where an unclosed quote opens.
    const scalarsByStart = new Map<number, unknown>();
    const quotedByEnd = new Map<number, number>();
    visit(document, {
      Scalar(_, node) {
        if (!node.range) return;
        scalarsByStart.set(node.range[0], node.value);
        if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') quotedByEnd.set(node.range[1], node.range[0]);
      },
    });
    return {
      diagnostics: problems.map((problem): Diagnostic => {
        if (problem.code === 'DUPLICATE_KEY') {
          const key = scalarsByStart.get(problem.pos[0]);
          return {
            severity: 'error',
            code: 'duplicate-key',
            message: key === undefined ? 'a key appears twice in the same object' : `the key "${String(key)}" appears twice in the same object`,
            file,
            position: toPosition(problem.pos[0]),
            hint: yamlHint(problem.code),
          };
        }
        const quote = /^Missing closing (["'])quote/.exec(problem.message)?.[1];
        const opening = quote ? quotedByEnd.get(problem.pos[0]) : undefined;
        if (quote && opening !== undefined) {
          // The parser notices at the end of the file; the user must edit where the quote opens.
          return {
            severity: 'error',
            code: 'yaml-syntax',
            message: `the text in quotes starting here has no closing ${quote}`,
            file,
            position: toPosition(opening),
            hint: `add the closing ${quote} at the end of the text, or remove the opening one`,
          };
        }
        return {
          severity: 'error',
          code: 'yaml-syntax',
          message: yamlMessage(problem),
          file,
          position: toPosition(problem.pos[0]),
          hint: yamlHint(problem.code),
        };
      }),
    };
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // Aliases of nested aliases can build data deeper than the source looks.
    if (error instanceof RangeError) return { diagnostics: [tooDeep(file)] };
    const message = firstLine((error as Error).message);
    // The yaml library words an alias bomb as an "attack"; most likely it is a well-meant over-use of aliases.
    return /alias count/i.test(message)
      ? {
          diagnostics: [
            {
              severity: 'error',
              code: 'too-many-aliases',
              message: 'the YAML aliases (*name) in this file would expand to too much data',
              file,
              hint: 'YAML aliases (*name) may be used at most 100 times in a dataset; write the repeated text out instead',
            },
          ],
        }
      : { diagnostics: [{ severity: 'error', code: 'yaml-syntax', message, file, hint: yamlHint('') }] };
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
  // jsonc-parser recurses once per bracket: refuse absurd nesting before it can overflow the stack.
  const tooDeepAt = jsonNestingBeyond(text, maxNestingDepth);
  if (tooDeepAt !== undefined) return { diagnostics: [tooDeep(file, toPosition(tooDeepAt))] };
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

/**
 * Problems only visible in the YAML node tree: a key that is a list or mapping (`? [a, b]`), which
 * JavaScript objects cannot hold, and nesting beyond `maxNestingDepth`. Walked without recursion.
 */
function checkYamlStructure(document: Document, file: string, toPosition: (offset: number) => SourcePosition): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const stack: { node: unknown; depth: number }[] = [{ node: document.contents, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isCollection(node)) continue;
    if (depth + 1 > maxNestingDepth) return [tooDeep(file, node.range ? toPosition(node.range[0]) : undefined)];
    for (const item of node.items) {
      if (isPair(item)) {
        const key = isAlias(item.key) ? item.key.resolve(document) : item.key;
        if (isCollection(key)) {
          const at = (item.key as YamlNode).range?.[0];
          diagnostics.push({
            severity: 'error',
            code: 'non-text-key',
            message: `a key must be a name, not a ${isSeq(key) ? 'list' : 'mapping'}`,
            file,
            ...(at !== undefined ? { position: toPosition(at) } : {}),
            hint: 'keys name a field (`title:`) or a subject id (`sepsis:`); a `?` or brackets before the `:` make a list or mapping a key',
          });
        }
        stack.push({ node: item.value, depth: depth + 1 });
      } else {
        stack.push({ node: item, depth: depth + 1 });
      }
    }
  }
  return diagnostics.sort((a, b) => (a.position?.line ?? 0) - (b.position?.line ?? 0) || (a.position?.column ?? 0) - (b.position?.column ?? 0));
}

/** The parser's message, reworded where it speaks about its own API rather than the user's file. */
function yamlMessage(problem: YAMLError): string {
  if (problem.code === 'MULTIPLE_DOCS') return 'a dataset file holds one YAML document, but this `---` starts a second one';
  if (problem.code === 'TAG_RESOLVE_FAILED') {
    const tag = /Unresolved tag: (\S+)/.exec(problem.message)?.[1];
    return `YAML tags${tag ? ` such as \`${tag.replace(/^tag:yaml\.org,2002:/, '!!')}\`` : ''} are not supported in datasets`;
  }
  return firstLine(problem.message);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) === 10) starts.push(index + 1);
  return starts;
}

/**
 * After one real syntax error the YAML parser often reports follow-on errors that are only its
 * consequences (one tab can give five messages). Keep every repeated key and every tab (each is a
 * separate edit) and otherwise only the first syntax error, once per position.
 */
function reportableYamlProblems(problems: readonly YAMLError[]): YAMLError[] {
  const independent = (problem: YAMLError) => problem.code === 'DUPLICATE_KEY' || problem.code === 'TAB_AS_INDENT';
  const hasTabs = problems.some((problem) => problem.code === 'TAB_AS_INDENT');
  const firstOther = hasTabs ? undefined : problems.find((problem) => !independent(problem));
  const seen = new Set<number>();
  return problems.filter((problem) => {
    if (!independent(problem) && problem !== firstOther) return false;
    if (seen.has(problem.pos[0])) return false;
    seen.add(problem.pos[0]);
    return true;
  });
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
    case 'MULTIPLE_DOCS':
      return 'remove this `---` line (it may only be the very first line), or move the second dataset into a file of its own';
    case 'TAG_RESOLVE_FAILED':
      return 'remove the tag (a word starting with `!`); a dataset cannot include other files, and text that starts with `!` must be quoted';
    case 'MULTILINE_IMPLICIT_KEY':
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'check the indentation of this line and the next (keys of one object line up exactly); text containing ": " must be quoted';
    default:
      return 'quote text that contains `: `, `#` or starts with a special character; use `|` for multi-line text';
  }
}
