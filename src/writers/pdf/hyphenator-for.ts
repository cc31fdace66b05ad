import { createRequire } from 'node:module';
import type { Hyphenator } from './break-lines.js';

type HyphenModule = typeof import('hyphen/en.js');

// The `hyphen` package is CommonJS with one directory per language and no `exports` map: Node's ESM
// loader cannot import a directory, `require` can. It stays a package loaded at run time (not bundled),
// one language at a time when first needed: German's patterns alone take half a second to load.
const requirePackage = createRequire(import.meta.url);

/** Languages with TeX hyphenation patterns in the `hyphen` package that handouts are written in. */
const loaders: Record<string, () => HyphenModule> = {
  en: () => requirePackage('hyphen/en') as HyphenModule,
  es: () => requirePackage('hyphen/es') as HyphenModule,
  fr: () => requirePackage('hyphen/fr') as HyphenModule,
  de: () => requirePackage('hyphen/de') as HyphenModule,
};

/** Marks break points in the library's output; never part of a word. */
const marker = '\u0001';
/** Words repeat a lot in a handout (and across a batch): each is hyphenated once. */
const cacheLimit = 50_000;
const hyphenators = new Map<string, Hyphenator>();

/**
 * The hyphenator for a BCP 47 language tag (`en`, `en-GB`, `de-AT` …): Liang's algorithm with the TeX
 * patterns of its primary language, or undefined when no patterns are bundled for it (the text then
 * breaks at spaces and hard hyphens only). Patterns load on first use.
 */
export function hyphenatorFor(language: string | undefined): Hyphenator | undefined {
  const primary = (language ?? '').toLowerCase().split('-')[0] ?? '';
  const load = loaders[primary];
  if (!load) return undefined;
  const known = hyphenators.get(primary);
  if (known) return known;
  const { hyphenateSync } = load();
  const cache = new Map<string, readonly number[]>();
  const hyphenator: Hyphenator = (word) => {
    const cached = cache.get(word);
    if (cached) return cached;
    const marked = hyphenateSync(word, { hyphenChar: marker, minWordLength: 5 });
    const points: number[] = [];
    let offset = 0;
    for (const char of marked) {
      if (char === marker) points.push(offset);
      else offset += char.length;
    }
    if (cache.size >= cacheLimit) cache.clear();
    cache.set(word, points);
    return points;
  };
  hyphenators.set(primary, hyphenator);
  return hyphenator;
}
