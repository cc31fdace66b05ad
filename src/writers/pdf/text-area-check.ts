import path from 'node:path';
import type { Diagnostic } from '../../shared/diagnostic.js';
import type { Theme } from '../../templates/theme.js';
import { pageSizes, type PageSize } from './layout-document.js';

/**
 * Smallest text area, in points, that a page keeps inside the theme's margins: two inches either way.
 * Below it a table column is a letter or two wide and the handout is one letter per line (or, with
 * margins wider than the paper, nothing at all).
 */
export const minimumTextArea = 144;

/** The theme's margins on this paper, refused when they leave no usable text area. */
export function textAreaProblem(theme: Theme, pageSize: PageSize, landscape: boolean): Diagnostic | undefined {
  const [portraitWidth, portraitHeight] = pageSizes[pageSize];
  const [width, height] = landscape ? [portraitHeight, portraitWidth] : [portraitWidth, portraitHeight];
  const { top, right, bottom, left } = theme.tokens.page.margin;
  const areaWidth = width - left - right;
  const areaHeight = height - top - bottom;
  if (areaWidth >= minimumTextArea && areaHeight >= minimumTextArea) return undefined;
  const points = (value: number) => `${Math.round(value)} pt`;
  return {
    severity: 'error',
    code: 'margins-too-large',
    message: `the theme's page margins (top ${points(top)}, right ${points(right)}, bottom ${points(bottom)}, left ${points(left)}) leave a text area of ${points(areaWidth)} × ${points(areaHeight)} on ${pageSize} ${landscape ? 'landscape' : 'portrait'} paper; at least ${points(minimumTextArea)} × ${points(minimumTextArea)} is needed`,
    file: path.join(theme.directory, 'theme.json'),
    path: 'page.margin',
    hint: `make \`page.margin\` in the theme's theme.json smaller (the default theme uses about 56 pt, 2 cm, on each side)`,
  };
}
