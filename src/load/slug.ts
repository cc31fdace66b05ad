import path from 'node:path';
import type { Diagnostic } from '../shared/diagnostic.js';
import { editionSuffixPattern, reservedSlugPattern } from './dataset-schema.js';

/**
 * A slug names a handout's output files (`<out>/<slug>.pdf`, `<slug>.html`). An explicit `slug:` is
 * checked by the schema; one derived from the file name is made safe here: lowercase ASCII letters,
 * digits, dots, hyphens and underscores, no `..`, no leading dot, at most 100 characters.
 */

/** `Data/Cytokine Storm vs Sepsis.yaml` → `cytokine-storm-vs-sepsis`. */
export function slugFromFileName(file: string): string {
  const base = path.basename(file).replace(/\.(ya?ml|json|md|markdown)$/i, '');
  const slug = base
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[-._]+|[-._]+$/g, '')
    .slice(0, 100)
    .replace(/[-._]+$/, '');
  return slug || 'handout';
}

/** Whether Windows reserves the slug as a device name (`con`, `aux.v2`, `com1`…), so its files could not be opened there. */
export function isReservedSlug(slug: string): boolean {
  return !reservedSlugPattern.test(slug);
}

/** The problem with a slug derived from a file name, if any (an explicit `slug:` is checked by the schema). */
export function derivedSlugProblem(file: string, slug: string): Diagnostic | undefined {
  const problem = isReservedSlug(slug)
    ? `a device name Windows reserves: ${slug}.pdf could not be opened there`
    : !editionSuffixPattern.test(slug)
      ? 'which ends like the file names of another slug’s worksheet or answer-key edition'
      : undefined;
  if (!problem) return undefined;
  return {
    severity: 'error',
    code: 'reserved-slug',
    message: `the file name gives the slug \`${slug}\`, ${problem}`,
    file,
    hint: 'rename the file, or give the dataset its own `slug:`',
  };
}

/** Two datasets whose outputs would have the same names: the later one is refused, the earlier one kept. */
export function duplicateSlugProblem(file: string, slug: string, owner: string, explicit: boolean): Diagnostic {
  return {
    severity: 'error',
    code: 'duplicate-slug',
    message: `slug \`${slug}\` is already used by ${owner}; building both would overwrite its files`,
    file,
    ...(explicit ? { path: 'slug' } : {}),
    hint: explicit ? 'give one of the datasets another `slug:`' : `this slug comes from the file name; rename the file or add a \`slug:\` to the dataset`,
  };
}
