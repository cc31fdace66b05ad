import type { Line } from './break-lines.js';

/** Lines a paragraph keeps together at a page break: no single orphan or widow line. */
export const minimumLinesAtBreak = 2;

export function linesHeight(lines: readonly Line[]): number {
  return lines.reduce((sum, line) => sum + line.height, 0);
}

/** The first piece of a paragraph that may end a page: two lines, or all of a paragraph too short to split. */
export function firstPieceHeight(lines: readonly Line[]): number {
  return linesHeight(lines.length < 2 * minimumLinesAtBreak ? lines : lines.slice(0, minimumLinesAtBreak));
}

/** How many of `lines`, from the first, fit in `space`. */
export function countFitting(lines: readonly Line[], space: number): number {
  let used = 0;
  let count = 0;
  for (const line of lines) {
    if (used + line.height > space + 0.01) break;
    used += line.height;
    count++;
  }
  return count;
}
