/** "A", "A and B", "A, B and C" in the handout's language, via Intl. */
export function joinNames(names: readonly string[], language: string): string {
  try {
    return new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(names);
  } catch {
    return new Intl.ListFormat('en', { style: 'long', type: 'conjunction' }).format(names);
  }
}
