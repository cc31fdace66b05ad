#!/usr/bin/env node
// pretest: make sure the Debian tools the test suite relies on are present.
//
// - All present: print one line and exit 0 (no apt calls, no subprocesses).
// - Missing and running as root (CI on a clean machine): apt-get update, then
//   apt-get install the missing packages (output streamed), then check again.
// - Missing and not root: print the exact install command to stderr, exit 1.
// - Still missing after the install: exit 1. Tests are never skipped.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { spawnSync } from 'node:child_process';

/**
 * Debian package -> what the tests use from it.
 * @type {{ pkg: string, commands?: string[], executables?: string[], files?: string[] }[]}
 */
const REQUIREMENTS = [
  { pkg: 'poppler-utils', commands: ['pdftotext', 'pdfinfo', 'pdffonts', 'pdftoppm'] },
  { pkg: 'qpdf', commands: ['qpdf'] },
  { pkg: 'mupdf-tools', commands: ['mutool'] },
  { pkg: 'chromium', executables: ['/usr/bin/chromium'] },
  { pkg: 'fonts-dejavu-core', files: ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'] },
  // Called by full path in the tests: another `convert`/`compare` may come first on PATH.
  { pkg: 'imagemagick', executables: ['/usr/bin/compare'] },
  // GNU time reports the peak memory of the big-input tests (`/usr/bin/time -v`).
  { pkg: 'time', executables: ['/usr/bin/time'] },
];

/** @param {string} path */
function isExecutableFile(path) {
  try {
    if (!statSync(path).isFile()) return false; // follows symlinks (/etc/alternatives)
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** @param {string} path */
function isReadableFile(path) {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** @param {string} command */
function onPath(command) {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return dirs.some((dir) => isExecutableFile(join(dir, command)));
}

/** @returns {{ pkg: string, missing: string[] }[]} packages with at least one missing item */
function findMissing() {
  const result = [];
  for (const req of REQUIREMENTS) {
    const missing = [
      ...(req.commands ?? []).filter((c) => !onPath(c)),
      ...(req.executables ?? []).filter((p) => !isExecutableFile(p)),
      ...(req.files ?? []).filter((p) => !isReadableFile(p)),
    ];
    if (missing.length > 0) result.push({ pkg: req.pkg, missing });
  }
  return result;
}

/** @param {{ pkg: string, missing: string[] }[]} missing */
function describe(missing) {
  return missing.map((m) => `  ${m.pkg}: missing ${m.missing.join(', ')}`).join('\n');
}

/**
 * @param {string} cmd
 * @param {string[]} args
 * @returns {boolean} whether it ran and exited 0
 */
function run(cmd, args) {
  console.error(`$ ${cmd} ${args.join(' ')}`);
  const res = spawnSync(cmd, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (res.error) {
    console.error(`ensure-system-tools: could not run ${cmd}: ${res.error.message}`);
    return false;
  }
  if (res.status !== 0) {
    console.error(`ensure-system-tools: ${cmd} exited with ${res.status ?? `signal ${res.signal}`}`);
    return false;
  }
  return true;
}

const allPackages = REQUIREMENTS.map((r) => r.pkg);
let missing = findMissing();

if (missing.length > 0) {
  const pkgs = missing.map((m) => m.pkg);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  console.error(`ensure-system-tools: required system tools are missing:\n${describe(missing)}`);

  if (!isRoot) {
    console.error(
      '\nInstall them (Debian/Ubuntu), or run `npm test` as root to have them installed:\n' +
        `  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${pkgs.join(' ')}`,
    );
    process.exit(1);
  }

  console.error(`ensure-system-tools: running as root, installing: ${pkgs.join(' ')}`);
  const ok =
    run('apt-get', ['update']) &&
    run('apt-get', ['install', '-y', '--no-install-recommends', ...pkgs]);
  if (!ok) {
    console.error('ensure-system-tools: apt-get failed; the tests cannot run without these tools.');
    process.exit(1);
  }

  missing = findMissing();
  if (missing.length > 0) {
    console.error(
      `ensure-system-tools: still missing after apt-get install:\n${describe(missing)}\n` +
        'The tests cannot run without these tools.',
    );
    process.exit(1);
  }
}

console.log(`system tools: ok (${allPackages.join(', ')})`);
