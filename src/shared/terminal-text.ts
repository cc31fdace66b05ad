import path from 'node:path';

/**
 * Characters a terminal acts on instead of printing: C0 controls (escape sequences, bell, backspace,
 * carriage return, line feed), DEL and the C1 controls, the Unicode line and paragraph separators,
 * the bidirectional overrides and isolates that reorder what is shown, and unpaired surrogates.
 */
// eslint-disable-next-line no-control-regex
const unsafe = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/gu;
// eslint-disable-next-line no-control-regex
const unsafeButLineFeed = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/gu;

const shown = (char: string) => `\\u{${char.codePointAt(0)!.toString(16).toUpperCase()}}`;

/**
 * Text from outside (a file name, a path, a value, a message quoting one) made safe to print: every
 * such character shown as `\u{1B}`, so a dataset named `x<ESC>]0;PWNED<BEL>.yaml` cannot retitle or
 * clear the terminal, and a name with a line feed cannot forge an output line of its own.
 */
export function forTerminal(text: string): string {
  return text.replace(unsafe, shown);
}

/** `forTerminal` for a message of several lines: its line feeds kept, everything else escaped. */
export function linesForTerminal(text: string): string {
  return text.replace(unsafeButLineFeed, shown);
}

/** A file's path as shown to people: relative to the working folder, shortened, made safe to print. */
export function displayPath(file: string, cwd: string = process.cwd()): string {
  return forTerminal(shortenPath(path.relative(cwd, file) || file));
}

/** Longest path printed whole; longer ones (up to the system's 4,096) would bury the message. */
const longestShownPath = 120;

/**
 * A path too long to read at a glance, shortened in the middle: its start (where it is) and its file
 * name (what it is) kept, the rest replaced by how much was left out, e.g.
 * `/tmp/course/dddd…(3,912 characters left out)…/dddd/tea.yaml`.
 */
export function shortenPath(text: string, limit = longestShownPath): string {
  const chars = Array.from(text);
  if (chars.length <= limit) return text;
  const separator = Math.max(text.lastIndexOf('/'), text.lastIndexOf('\\'));
  // The file name, itself shortened if it alone is long (a name may have 255 bytes).
  const name = Array.from(separator >= 0 ? text.slice(separator) : text);
  const tail = name.length <= limit / 2 ? name : [...name.slice(0, 1), ...name.slice(-Math.floor(limit / 2))];
  const head = chars.slice(0, limit - tail.length);
  const omitted = chars.length - head.length - tail.length;
  return `${head.join('')}…(${omitted.toLocaleString('en')} characters left out)…${tail.join('')}`;
}
