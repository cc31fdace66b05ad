// Renders the first page of the seed handout to docs/handout-page-1.png for the README
// (`npm run picture`). Needs poppler-utils (pdftoppm), which `npm test` installs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'handout-picture-'));
try {
  const report = await build({ inputs: [path.join(root, 'data/cytokine-storm-vs-sepsis.yaml')], outDir: work, formats: ['pdf'] });
  const pdf = report.handouts[0]?.outputs[0]?.path;
  if (!report.ok || !pdf) throw new Error('the seed handout did not build');
  execFileSync('pdftoppm', ['-png', '-r', '90', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(work, 'page')]);
  renameSync(path.join(work, 'page.png'), path.join(root, 'docs/handout-page-1.png'));
  process.stdout.write('wrote docs/handout-page-1.png\n');
} finally {
  rmSync(work, { recursive: true, force: true });
}
