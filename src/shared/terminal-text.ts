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

/** A file's path as shown to people: relative to the working folder, made safe to print. */
export function displayPath(file: string, cwd: string = process.cwd()): string {
  return forTerminal(path.relative(cwd, file) || file);
}
