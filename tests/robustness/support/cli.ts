/**
 * The CLI as a user runs it: `node bin/handout.js …` in a child process, against the bundle in dist/
 * (made before the suite by tests/support/global-setup.ts).
 */
import { execFile, spawn, type ChildProcess, type ExecFileException } from 'node:child_process';
import { fromRoot, repoRoot } from '../../support/paths.js';

export const BIN = fromRoot('bin', 'handout.js');

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
  return run(process.execPath, [BIN, ...args], options);
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
  const child = spawn(process.execPath, [BIN, ...args], {
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
