import type { Diagnostic, SourcePosition } from '../shared/diagnostic.js';

/**
 * Lists and mappings nested deeper than this are refused before anything recurses into them (the
 * parsers, the schema and the renderer all recurse; 100,000 `[` would overflow the stack). Real
 * datasets nest about 15 levels; sections have their own, much smaller limit.
 */
export const maxNestingDepth = 128;

/**
 * Offset of the flow bracket (`[` or `{`) that opens level `maxNestingDepth + 1` (the top-level mapping
 * being level 1), skipping quoted
 * text and comments, or undefined. Where the parser itself overflows is far past that point.
 */
export function firstTooDeepBracket(text: string): number | undefined {
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char === '"' || char === "'") {
      // A quote inside a plain word (`it's`) opens nothing.
      const previous = text[index - 1];
      if (previous !== undefined && !/[\s[{,:]/.test(previous)) continue;
      for (index++; index < text.length && text[index] !== char; index++) if (char === '"' && text[index] === '\\') index++;
    } else if (char === '#' && (index === 0 || /\s/.test(text[index - 1]!))) {
      while (index < text.length && text[index] !== '\n') index++;
    } else if (char === '[' || char === '{') {
      // The file's own top-level mapping is the first level.
      if (++depth + 1 > maxNestingDepth) return index;
    } else if ((char === ']' || char === '}') && depth > 0) depth--;
  }
  return undefined;
}

export function tooDeep(file: string, position?: SourcePosition): Diagnostic {
  return {
    severity: 'error',
    code: 'too-deep',
    message: `lists and mappings are nested more than ${maxNestingDepth} levels deep`,
    file,
    ...(position ? { position } : {}),
    hint: 'a dataset nests only a few levels (sections at most 6); check for brackets that are opened but never closed',
  };
}
