import { LineCounter, parseDocument, isAlias, isCollection, isMap, isPair, isScalar, isSeq, visit, type Document, type Node as YamlNode, type YAMLError } from 'yaml';
import type { Diagnostic, SourcePosition } from '../shared/diagnostic.js';
import { firstTooDeepBracket, maxNestingDepth, tooDeep } from './nesting.js';
import type { ParsedSource } from './parse-source.js';
import { plainYamlData, yamlParseOptions } from './plain-yaml-data.js';

/**
 * YAML text → data with source positions; syntax problems, alias bombs and absurd nesting as
 * diagnostics. Plain YAML (nearly every dataset) is read without the `yaml` library's node tree,
 * which is some seventy times the size of the text (hundreds of megabytes near the size limit) and
 * takes three times as long to make; positions come from that tree, made only when a problem must
 * be placed. Any other text is read by `parseYamlDocument`, with its messages.
 */
export function parseYaml(text: string, file: string): { source?: ParsedSource; diagnostics: Diagnostic[] } {
  const plain = plainYamlData(text);
  if (plain) return { source: { data: plain.data, locate: lazyLocator(text) }, diagnostics: [] };
  return parseYamlDocument(text, file);
}

/** `parseYaml` by the `yaml` library's node tree, for any text. */
export function parseYamlDocument(text: string, file: string): { source?: ParsedSource; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  // `uniqueKeys` makes a repeated key an error instead of a silent overwrite; `maxAliasCount`
  // refuses alias bombs ("billion laughs") before they expand.
  const document = parseDocument(text, { lineCounter, ...yamlParseOptions });
  const toPosition = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const problems = reportableYamlProblems([...document.errors, ...document.warnings]);
  // The parser catches its own stack overflow on absurdly deep nesting and reports it as an error.
  const overflow = problems.find((problem) => /call stack/i.test(problem.message));
  if (overflow) return { diagnostics: [tooDeep(file, toPosition(firstTooDeepBracket(text) ?? overflow.pos[0]))] };
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
        const endMarker = problem.code === 'MULTIPLE_DOCS' ? documentEndBefore(text, problem.pos[0]) : undefined;
        if (endMarker !== undefined) {
          return {
            severity: 'error',
            code: 'yaml-syntax',
            message: 'this `...` line ends the YAML document, but more text follows it',
            file,
            position: toPosition(endMarker),
            hint: 'remove the `...` line (it marks the end of the data), or the text after it',
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
  return { source: { data, locate: lazyLocator(text) }, diagnostics: [] };
}

/**
 * Positions come from a second parse of the same text, made only when a problem must be placed: the
 * node tree with its source ranges is many times the size of the data (hundreds of megabytes for a
 * 100,000-row table), and a valid dataset never needs it. Built apart from `parseYaml` so that the
 * returned function holds the text alone, not the first parse's node tree.
 */
function lazyLocator(text: string): ParsedSource['locate'] {
  let positioned: { document: Document; toPosition: (offset: number) => SourcePosition } | undefined;
  const parsed = () => {
    if (!positioned) {
      const lineCounter = new LineCounter();
      const document = parseDocument(text, { lineCounter, ...yamlParseOptions });
      positioned = {
        document,
        toPosition: (offset) => {
          const { line, col } = lineCounter.linePos(offset);
          return { line, column: col };
        },
      };
    }
    return positioned;
  };
  return (path, options) => {
    const { document, toPosition } = parsed();
    const rangeStart = (node: YamlNode | null | undefined): SourcePosition | undefined => (node && node.range ? toPosition(node.range[0]) : undefined);
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
    const found = ((options?.key && keyNode) || node) as YamlNode;
    return options?.end ? (found?.range ? toPosition(found.range[1]) : undefined) : rangeStart(found);
  };
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

/** Offset of a `...` document-end line that the text at `offset` follows (only blank lines or comments between), if any. */
function documentEndBefore(text: string, offset: number): number | undefined {
  const lines = text.slice(0, offset).split('\n');
  let start = offset - (lines.at(-1)?.length ?? 0);
  for (let index = lines.length - 2; index >= 0; index--) {
    const line = lines[index]!;
    start -= line.length + 1;
    if (/^\.\.\.(\s|#|$)/.test(line)) return start;
    if (line.trim() !== '' && !line.trim().startsWith('#')) return undefined;
  }
  return undefined;
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
