/**
 * The CLI as a user runs it: `node bin/handout.js …` in a child process, compiled by `compileCliFor`
 * before a suite into that test file's own folder (never the shared dist/ other files run from).
 */
import { execFile, spawn, type ChildProcess, type ExecFileException } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { compileCli, type CompiledCli } from '../../support/compiled-cli.js';
import { repoRoot } from '../../support/paths.js';

let compiled: CompiledCli | undefined;

/** Compiles the CLI for this test file (call in `beforeAll`). */
export async function compileCliFor(name: string): Promise<CompiledCli> {
  compiled = await compileCli(name);
  return compiled;
}

function cli(): CompiledCli {
  if (!compiled) throw new Error('call compileCliFor(…) in beforeAll first');
  return compiled;
}

/** `bin/handout.js` of this test file's compiled CLI. */
export function bin(): string {
  return cli().bin;
}

/** A module of this test file's compiled CLI (`build/build.js`), as the CLI and its worker threads run it. */
export function importCompiled(path: string): Promise<unknown> {
  return import(pathToFileURL(cli().dist(path)).href);
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      {
        cwd: options.cwd ?? repoRoot,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error: ExecFileException | null, stdout: string, stderr: string) => {
        if (error && typeof error.code !== 'number') {
          reject(new Error(`${command} ${args.join(' ')} did not run: ${error.message}\n${stderr}`));
          return;
        }
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

export function handout(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return run(process.execPath, [bin(), ...args], options);
}

export function show(result: RunResult): string {
  return `exit ${result.code}\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`;
}

/** A stack trace line (`    at fn (file:1:2)`), which a user should never see for a problem with their input. */
export const stackTraceLine = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;

export interface Spawned {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves at the first line of stdout or stderr matching `pattern`; rejects if the process ends first. */
  line(pattern: RegExp): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnHandout(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Spawned {
  const child = spawn(process.execPath, [bin(), ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const findLine = (pattern: RegExp) => `${out}\n${err}`.split('\n').find((l) => pattern.test(l));
  const received = () => {
    for (const waiter of [...waiters]) {
      const line = findLine(waiter.pattern);
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  };
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    received();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
    received();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    line: (pattern) =>
      new Promise((resolve, reject) => {
        const existing = findLine(pattern);
        if (existing !== undefined) return resolve(existing);
        waiters.push({ pattern, resolve });
        // Waits on events only: the line, or the end of the process (then the line can never come).
        void exited.then(() => {
          const last = findLine(pattern);
          if (last !== undefined) resolve(last);
          else reject(new Error(`exited before a line matching ${pattern}\n${out}\n${err}`));
        });
      }),
    exited,
  };
}
