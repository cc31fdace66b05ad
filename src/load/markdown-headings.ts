import { labelsFor } from '../view/labels.js';

/**
 * The headings that name a dataset field in a Markdown dataset, per field: the English word, the
 * word in the handout's language, and the heading the handout itself prints (so a teacher may copy
 * it from a printed handout). Compared without case and surrounding spaces.
 */
export type FieldHeading = 'summary' | 'comparison' | 'conclusion' | 'disclaimer';

const words: Record<string, Record<FieldHeading, string>> = {
  en: { summary: 'Summary', comparison: 'Comparison', conclusion: 'Conclusion', disclaimer: 'Disclaimer' },
  es: { summary: 'Resumen', comparison: 'Comparación', conclusion: 'Conclusión', disclaimer: 'Aviso' },
  fr: { summary: 'Résumé', comparison: 'Comparaison', conclusion: 'Conclusion', disclaimer: 'Avertissement' },
  de: { summary: 'Zusammenfassung', comparison: 'Vergleich', conclusion: 'Fazit', disclaimer: 'Hinweis' },
};

export const fieldHeadings: readonly FieldHeading[] = ['summary', 'comparison', 'conclusion', 'disclaimer'];

/** Every heading text that names `field` in a handout of `language`. */
export function headingsFor(field: FieldHeading, language: string): string[] {
  const base = language.split('-')[0]!.toLowerCase();
  const labels = labelsFor(language);
  return [...new Set([words.en![field], words[base]?.[field], labels?.[field]].filter((word): word is string => Boolean(word)))];
}

/** The word a Markdown dataset uses for `field` (what `convert` writes). */
export function headingWord(field: FieldHeading, language: string): string {
  return words[language.split('-')[0]!.toLowerCase()]?.[field] ?? words.en![field];
}

/** Which field a heading names, if any. */
export function fieldOfHeading(text: string, language: string): FieldHeading | undefined {
  const wanted = text.trim().toLowerCase();
  return fieldHeadings.find((field) => headingsFor(field, language).some((word) => word.toLowerCase() === wanted));
}
