import type { Diagnostic, SourcePosition } from '../shared/diagnostic.js';

/**
 * Lists and mappings nested deeper than this are refused before anything recurses into them (the
 * parsers, the schema and the renderer all recurse; 100,000 `[` would overflow the stack). Real
 * datasets nest about 15 levels; sections have their own, much smaller limit.
 */
export const maxNestingDepth = 128;

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
