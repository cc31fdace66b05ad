// The launcher's half of the startup snapshot (scripts/build-snapshot.mjs builds it): whether it can
// be used, and running the CLI from it in a child process. Plain JavaScript with no dependencies, so
// that deciding costs the launcher next to nothing.
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The snapshot of the checkout at `root`, when it was built there, by this Node.js, from the sources,
 * lockfile and fonts as they are now: `{ blob, bundle }`, or `{ unusable: reason }`.
 */
export function usableSnapshot(root, environment = process.env) {
  if (environment.HANDOUT_SNAPSHOT === '0') return { unusable: 'turned off by HANDOUT_SNAPSHOT=0' };
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(path.join(root, 'dist', 'startup-snapshot', 'snapshot.json'), 'utf8'));
  } catch {
    return { unusable: 'not built (npm run compile builds it)' };
  }
  if (recorded.node !== process.version || recorded.arch !== process.arch) return { unusable: `built by Node.js ${recorded.node} (${recorded.arch}), this is ${process.version} (${process.arch})` };
  if (path.resolve(recorded.root) !== path.resolve(root)) return { unusable: `built in ${recorded.root}, the checkout has moved` };
  for (const input of recorded.inputs) {
    let stat;
    try {
      stat = statSync(path.resolve(root, input.file));
    } catch {
      return { unusable: `${input.file} is gone since it was built` };
    }
    if (stat.size !== input.size || stat.mtimeMs !== input.mtimeMs) return { unusable: `${input.file} changed since it was built (npm run compile builds it again)` };
  }
  return { blob: path.resolve(root, recorded.blob), bundle: path.resolve(root, recorded.bundle) };
}

/** Runs the CLI from the snapshot with this process's arguments, and exits as it does. */
export function runFromSnapshot({ blob, bundle }) {
  // Its own process group: Ctrl+C reaches the CLI once, forwarded from here, not twice. The channel
  // lets it notice if this process is killed outright. Temporary files carry this process's id (the
  // one a user or a CI runner knows).
  const child = spawn(process.execPath, ['--snapshot-blob', blob, bundle, ...process.argv.slice(2)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    detached: true,
    env: { ...process.env, HANDOUT_TEMP_OWNER: process.env.HANDOUT_TEMP_OWNER ?? String(process.pid) },
  });
  const forward = (signal) => child.kill(signal);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward);
  child.on('error', (error) => {
    process.stderr.write(`handout: cannot start the CLI from its startup snapshot (${error.message}); HANDOUT_SNAPSHOT=0 runs without it\n`);
    process.exit(70);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
      return;
    }
    process.exit(code ?? 70);
  });
}
