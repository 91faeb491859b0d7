// Totals every suite of the full run into one closing line: "N passed, N failed[, N skipped]".
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];

for (const file of readdirSync(dir).sort()) {
  const path = join(dir, file);
  if (file.endsWith('.step')) {
    const ok = readFileSync(path, 'utf8').trim() === 'pass';
    ok ? passed++ : failed++;
    rows.push(`${file.replace('.step', '')}: ${ok ? 'passed' : 'FAILED'}`);
  }
  if (file.endsWith('.exit')) {
    const name = file.replace('.exit', '');
    const exit = Number(readFileSync(path, 'utf8').trim());
    const json = join(dir, `${name}.json`);
    const r = existsSync(json) ? JSON.parse(readFileSync(json, 'utf8')) : null;
    const p = r?.numPassedTests ?? 0;
    let f = r?.numFailedTests ?? 0;
    const s = (r?.numPendingTests ?? 0) + (r?.numTodoTests ?? 0);
    // A runner that failed without a failing test (a file that would not load, no tests found) counts once.
    if (exit !== 0 && f === 0) f = 1;
    if (r && r.numTotalTests === 0) f = Math.max(f, 1);
    passed += p;
    failed += f;
    skipped += s;
    rows.push(`${name}: ${p} passed, ${f} failed${s ? `, ${s} skipped` : ''}`);
  }
}
for (const row of rows) console.log(`  ${row}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
