// `<script>` or `<style>` written by a theme's template is a template error at its line, as the
// README promises for every element outside the markup subset, not silently dropped; named in the
// template file that writes it when the theme's templates can say.
import { describe, expect, it } from 'vitest';
import { parseMarkup } from '../../src/tree/parse-markup.js';

describe('script and style elements in template output', () => {
  it.each([
    ['<p>intro</p>\n<script>alert(1)</script>\n<p>x</p>', 'script', 2],
    ['<p>intro</p>\n\n<SCRIPT src="https://evil.example/x.js"></SCRIPT>', 'script', 3],
    ['<section><style>p { color: red }</style><p>x</p></section>', 'style', 1],
  ])('%j → template-markup for <%s> at line %i', (markup, name, line) => {
    const result = parseMarkup(markup, 'templates/mine (rendered for tea.yaml)');
    expect(result.markup).toBeUndefined();
    expect(result.diagnostics).toMatchObject([{ code: 'template-markup', message: `<${name}> is not allowed in a template`, position: { line, column: 1 } }]);
  });

  it('is reported in the template file that writes it, at its line there', () => {
    const locateTag = (tag: string, name: string) => (name === 'script' && tag === '<script>' ? { file: 'templates/mine/partials/summary.hbs', position: { line: 5, column: 1 } } : undefined);
    const result = parseMarkup('<p>intro</p>\n\n\n<script>alert(1)</script>', 'templates/mine (rendered for tea.yaml)', { locateTag });
    expect(result.diagnostics).toMatchObject([{ code: 'template-markup', file: 'templates/mine/partials/summary.hbs', position: { line: 5, column: 1 } }]);
  });

  it('the documented subset still parses', () => {
    expect(parseMarkup('<section><h1>T</h1><p>x <strong>y</strong></p></section>', 'templates/default').diagnostics).toEqual([]);
  });
});
