// Every option is checked before a command runs: a value that cannot be meant is a usage error
// (exit 2) naming the option and what it expects, never a stack trace (exit 70) or a silent default.
// The CLI runs as a child process, from the bundle in dist/ (tests/support/global-setup.ts).
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot, repoRoot, tmpDir } from '../support/paths.js';

const BIN = fromRoot('bin', 'handout.js');
const SMALL = fromRoot('tests', 'fixtures', 'valid', 'minimal-tea-vs-coffee.yaml');
const MISSING_TITLE = fromRoot('tests', 'fixtures', 'broken', 'missing-title.yaml');

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function handout(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1', ...env }, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

const show = (result: RunResult) => `exit ${result.code}\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`;

function expectUsageError(result: RunResult, ...mentions: RegExp[]) {
  expect(result.code, show(result)).toBe(2);
  expect(result.stderr, show(result)).not.toMatch(/internal error|\n\s+at /);
  for (const mention of mentions) expect(result.stderr, show(result)).toMatch(mention);
}

describe('numbers', () => {
  it.each([['abc'], ['0'], ['-3'], ['1.5']])('-j %s is refused, naming --jobs', async (value) => {
    const out = tmpDir('jobs');
    expectUsageError(await handout(['build', SMALL, '-o', out, '-j', value]), /--jobs expects a whole number of at least 1/, new RegExp(`got "${value.replace('.', '\\.')}"`));
    expect(existsSync(join(out, 'minimal-tea-vs-coffee.pdf'))).toBe(false);
  });

  it('-j 2 is accepted', async () => {
    const result = await handout(['build', SMALL, '-o', tmpDir('jobs-ok'), '-j', '2', '-f', 'html']);
    expect(result.code, show(result)).toBe(0);
  });

  it('HANDOUT_WORKERS=abc is refused, naming the variable', async () => {
    expectUsageError(await handout(['build', SMALL, '-o', tmpDir('workers')], { HANDOUT_WORKERS: 'abc' }), /HANDOUT_WORKERS expects a whole number/);
  });

  it.each([['abc'], ['99999999999999999'], ['-5']])('SOURCE_DATE_EPOCH=%s is refused, naming the variable', async (value) => {
    expectUsageError(await handout(['build', SMALL, '-o', tmpDir('epoch')], { SOURCE_DATE_EPOCH: value }), /SOURCE_DATE_EPOCH expects whole seconds since 1970/);
  });

  it.each([['-1/2'], ['3/2'], ['0/2'], ['half']])('--shard %s is refused with the form it expects', async (value) => {
    expectUsageError(await handout(['build', SMALL, '-o', tmpDir('shard'), `--shard=${value}`]), /--shard expects I\/N with 1 ≤ I ≤ N, e\.g\. 2\/4/);
  });

  it('--shard -1/2 (value as the next argument) gets the same message', async () => {
    expectUsageError(await handout(['build', SMALL, '-o', tmpDir('shard'), '--shard', '-1/2']), /--shard expects I\/N/);
  });

  it('--port abc is refused', async () => {
    expectUsageError(await handout(['watch', SMALL, '--serve', '--port', 'abc']), /--port expects a port number from 0 to 65535/);
  });
});

describe('required options', () => {
  it('pack without --out names the option and where its example is', async () => {
    expectUsageError(await handout(['pack', SMALL]), /^handout: --out is required: see `handout pack --help` for it and an example$/m);
  });
});

describe('dates, sizes, names', () => {
  it('pack --date 01/09/2026 is refused: an ISO date is expected', async () => {
    const out = join(tmpDir('pack-date'), 'pack.pdf');
    expectUsageError(await handout(['pack', SMALL, '--out', out, '--date', '01/09/2026']), /--date expects a date as YYYY-MM-DD/);
    expect(existsSync(out)).toBe(false);
  });

  it('pack --date 2026-02-30 (a day that does not exist) is refused', async () => {
    expectUsageError(await handout(['pack', SMALL, '--out', join(tmpDir('pack-date'), 'pack.pdf'), '--date', '2026-02-30']), /--date expects a date/);
  });

  it('--page-size letter and -f HTML are accepted whatever their case', async () => {
    const out = tmpDir('page-size');
    const result = await handout(['build', SMALL, '-o', out, '--page-size', 'letter', '-f', 'HTML']);
    expect(result.code, show(result)).toBe(0);
    expect(existsSync(join(out, 'minimal-tea-vs-coffee.html'))).toBe(true);
  });

  it('--page-size legal is refused with the sizes there are', async () => {
    expectUsageError(await handout(['build', SMALL, '-o', tmpDir('page-size'), '--page-size', 'legal']), /--page-size expects one of A4, Letter/);
  });

  it('--theme with no value is refused, not silently the default', async () => {
    expectUsageError(await handout(['build', SMALL, '-o', tmpDir('theme'), '--theme']), /--theme needs a value/);
  });

  it("--theme '' is refused", async () => {
    expectUsageError(await handout(['build', SMALL, '-o', tmpDir('theme'), '--theme', '']), /--theme needs a theme name/);
  });
});

describe('options that would do nothing', () => {
  it('--with-details for the handout edition alone is refused (build and pack)', async () => {
    expectUsageError(await handout(['build', SMALL, '-o', tmpDir('details'), '--with-details']), /--with-details only changes the worksheet and answers editions/);
    expectUsageError(await handout(['pack', SMALL, '--out', join(tmpDir('details'), 'p.pdf'), '--with-details']), /--with-details/);
  });

  it('watch --port without --serve is refused (there is no server for the port)', async () => {
    expectUsageError(await handout(['watch', SMALL, '-o', tmpDir('port-no-serve'), '--port', '8080']), /--port is the port of --serve: add --serve, or leave --port out/);
  });

  it('--with-details with --edition worksheet is accepted', async () => {
    const result = await handout(['build', SMALL, '-o', tmpDir('details-ok'), '--with-details', '-e', 'worksheet', '-f', 'html']);
    expect(result.code, show(result)).toBe(0);
  });
});

describe('paths after --', () => {
  it('validate -- file checks the named file, not data/', async () => {
    const result = await handout(['validate', '--', MISSING_TITLE]);
    expect(result.code, show(result)).toBe(1);
    expect(result.stderr).toContain('missing-title.yaml');
    expect(result.stderr).toMatch(/1 dataset checked: 0 valid, 1 invalid/);
  });

  it('build -- file builds the named file', async () => {
    const out = tmpDir('dash-dash');
    const result = await handout(['build', '-o', out, '-f', 'html', '--', SMALL]);
    expect(result.code, show(result)).toBe(0);
    expect(existsSync(join(out, 'minimal-tea-vs-coffee.html'))).toBe(true);
  });
});

describe('watch --serve on a busy port', () => {
  it('is a clear error suggesting --port, not a stack trace', async () => {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as { port: number }).port;
    try {
      const result = await handout(['watch', SMALL, '-o', tmpDir('busy-port'), '--serve', '--port', String(port)]);
      expectUsageError(result, new RegExp(`--port ${port}: the port is already in use`), /choose another with --port N/);
    } finally {
      server.close();
    }
  });
});

describe('choices', () => {
  it('a mistyped choice names the option, the choices and the nearest one', async () => {
    const result = await handout(['build', SMALL, '--edition', 'al', '--out', tmpDir('edition-typo')]);
    expectUsageError(result, /--edition al: not one of `handout`, `worksheet`, `answers`, `all`; did you mean `all`\?/);
    expect(result.stderr).not.toMatch(/Invalid values/);
  });

  it('a mistyped command says it is unknown and names the nearest', async () => {
    expectUsageError(await handout(['buidl']), /unknown command `buidl`; did you mean `build`\?/);
  });
});
