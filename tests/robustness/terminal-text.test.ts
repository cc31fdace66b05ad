// Names from outside printed to a terminal: a dataset whose file name carries an OSC title sequence,
// a bell, a clear-screen sequence and a line feed is named in diagnostics, progress lines and the
// summary with those characters shown escaped, never sent raw; a path longer than the system allows
// is shown shortened, its start and file name kept.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { printDiagnostics } from '../../src/cli/print-diagnostics.js';
import { displayPath, forTerminal, linesForTerminal, shortenPath } from '../../src/shared/terminal-text.js';
import { fromRoot, tmpDir } from '../support/paths.js';
import { handout, show, stackTraceLine } from './support/cli.js';

const hostileName = 'x\x1b]0;PWNED\x07\x1b[2J\nnext line';
// Anything a terminal would act on: C0, DEL, C1 (CSI U+009B), separators, bidi overrides.
const terminalControl = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

describe('the terminal sanitiser', () => {
  const cases: [string, string][] = [
    ['\x1b]0;PWNED\x07', '\\u{1B}]0;PWNED\\u{7}'],
    ['a\nb\rc\td', 'a\\u{A}b\\u{D}c\\u{9}d'],
    ['\u009b31m C1 CSI', '\\u{9B}31m C1 CSI'],
    ['\u202eevil.yaml', '\\u{202E}evil.yaml'],
    ['line\u2028separator', 'line\\u{2028}separator'],
    ['\x7fdelete', '\\u{7F}delete'],
    ['Ünïcödé 😀 stays', 'Ünïcödé 😀 stays'],
  ];
  it.each(cases)('%j → %s', (raw, shown) => {
    expect(forTerminal(raw)).toBe(shown);
  });

  it('keeps the line feeds of a multi-line message only', () => {
    expect(linesForTerminal('one\n\x1b[2Jtwo')).toBe('one\n\\u{1B}[2Jtwo');
  });

  it('shows a path relative to the working folder, escaped', () => {
    expect(displayPath(`/tmp/data/${hostileName}.yaml`, '/tmp')).toBe('data/x\\u{1B}]0;PWNED\\u{7}\\u{1B}[2J\\u{A}next line.yaml');
  });

  it('diagnostics print every field escaped, one line per line of the message', () => {
    const lines: string[] = [];
    printDiagnostics(
      [{ severity: 'error', code: 'yaml-syntax', file: `${hostileName}.yaml`, path: `values["${hostileName}"]`, message: `bad \x1b[31mred\x1b[0m`, hint: `fix\x07 it`, position: { line: 1, column: 2 } }],
      (line) => lines.push(line),
    );
    const printed = lines.join('\n');
    expect(printed).not.toMatch(terminalControl);
    expect(printed.split('\n')).toHaveLength(2);
    expect(printed).toContain('x\\u{1B}]0;PWNED\\u{7}\\u{1B}[2J\\u{A}next line.yaml:1:2');
  });
});

describe('the CLI names a hostile file safely', () => {
  let dir: string;
  beforeAll(async () => {
    dir = tmpDir('terminal-text');
    mkdirSync(join(dir, 'data'));
    // One valid (a built line and a slug error or a handout), one broken (a diagnostic).
    copyFileSync(fromRoot('tests/fixtures/valid/minimal-tea-vs-coffee.yaml'), join(dir, 'data', `${hostileName}.yaml`));
    writeFileSync(join(dir, 'data', `broken ${hostileName}.yaml`), 'title: [unclosed\n');
  });

  for (const command of [['validate', 'data'], ['build', 'data', '--out', 'out', '--format', 'html']]) {
    it(`handout ${command.join(' ')}`, async () => {
      const result = await handout(command, { cwd: dir });
      const all = result.stdout + result.stderr;
      expect(all, show(result)).not.toMatch(terminalControl);
      expect(all).not.toMatch(stackTraceLine);
      expect(all).toContain('x\\u{1B}]0;PWNED\\u{7}\\u{1B}[2J\\u{A}next line.yaml');
      // The line feed in the name split no line: none starts with the name's second half.
      expect(all.split('\n').filter((line) => line.startsWith('next line'))).toEqual([]);
      expect(result.code).toBe(1);
    });
  }
});

describe('a path longer than the system allows (PATH_MAX)', () => {
  it('short paths are shown whole; long ones keep their start and file name and say how much was left out', () => {
    expect(shortenPath('data/tea.yaml')).toBe('data/tea.yaml');
    const long = `/tmp/course/${'d'.repeat(250)}/${'e'.repeat(250)}/tea.yaml`;
    const shown = shortenPath(long);
    expect(shown.length).toBeLessThanOrEqual(160);
    expect(shown.startsWith('/tmp/course/ddd')).toBe(true);
    expect(shown.endsWith('…/tea.yaml')).toBe(true);
    expect(shown).toMatch(/…\([\d,]+ characters left out\)…/);
    // A file name that is itself too long keeps its end (the extension).
    expect(shortenPath(`/tmp/${'n'.repeat(300)}.yaml`).endsWith('nnn.yaml')).toBe(true);
  });

  it('handout validate names the file in one short line, with the path’s length and a hint', async () => {
    const long = join(tmpDir('path-max'), ...Array.from({ length: 18 }, () => 'd'.repeat(250)), 'tea.yaml');
    expect(long.length).toBeGreaterThan(4096);
    const result = await handout(['validate', long]);
    expect(result.code, show(result)).toBe(1);
    expect(result.stderr).not.toMatch(stackTraceLine);
    const lines = result.stderr.split('\n').filter(Boolean);
    const error = lines.find((line) => line.includes('error [unreadable-path]'));
    expect(error, show(result)).toMatch(/…\/tea\.yaml: error \[unreadable-path\]: the path is too long for the system \([\d,]+ characters\)$/);
    expect(error!.length).toBeLessThan(300);
    expect(result.stderr).toMatch(/^ {4}hint: move the datasets to a folder with a shorter path/m);
    for (const line of lines) expect(line.length, line).toBeLessThan(300);
  });
});
