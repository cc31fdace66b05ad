/**
 * Command line: npx tsx tests/pdf/support/check-pdf-ua.ts file.pdf [more.pdf…]
 * Prints each PDF/UA check as "ok" or "FAIL" with its problems; exits 1 when any check fails.
 */
import { checkPdfUa } from './pdf-ua.js';

let failed = false;
for (const file of process.argv.slice(2)) {
  console.log(file);
  for (const check of await checkPdfUa(file)) {
    console.log(`  ${check.problems.length === 0 ? 'ok  ' : 'FAIL'} ${check.name} (${check.reference})`);
    for (const problem of check.problems.slice(0, 10)) console.log(`         ${problem}`);
    if (check.problems.length > 10) console.log(`         … and ${check.problems.length - 10} more`);
    failed ||= check.problems.length > 0;
  }
}
process.exit(failed ? 1 : 0);
