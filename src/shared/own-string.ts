/**
 * A copy of `text` that refers to no other string. V8 makes a substring of a long string (what a
 * parser hands out for each piece of text) a view into the whole: one such piece kept keeps the whole
 * source alive. The document tree keeps its texts until the pages are drawn, and the source they were
 * cut from is the rendered markup or the dataset file, tens of megabytes for a long table.
 */
export function ownString(text: string): string {
  // Shorter substrings are copies already. A JSON round trip gives back exactly the same characters
  // (lone surrogates included, escaped and read back) as a fresh string.
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}
