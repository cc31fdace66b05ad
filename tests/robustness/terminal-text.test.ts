// Names from outside printed to a terminal: a dataset whose file name carries an OSC title sequence,
// a bell, a clear-screen sequence and a line feed is named in diagnostics, progress lines and the
// summary with those characters shown escaped, never sent raw.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { printDiagnostics } from '../../src/cli/print-diagnostics.js';
import { displayPath, forTerminal, linesForTerminal } from '../../src/shared/terminal-text.js';
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
