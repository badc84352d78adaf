// Prints the plain `N passed, N failed` line from vitest's JSON report.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
// The exit status of the test command: vitest fails a run on an unhandled error that no test owns,
// which its JSON report does not show.
const testStatus = Number(process.argv[3] ?? 0);
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.log(`no test report at ${file}: ${error.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const passed = report.numPassedTests ?? 0;
let failed = (report.numFailedTests ?? 0) + countFilesFailedOutsideTests(report);
if (failed === 0 && testStatus !== 0) {
  console.log('The test run failed outside any test (an unhandled error or rejection): see its log above.');
  failed = 1;
}
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);

// A file that failed without a failed test (an import error, a failing hook) counts once; vitest's
// `numFailedTestSuites` also counts each describe block around a failed test, which would count it twice.
function countFilesFailedOutsideTests(r) {
  return (r.testResults ?? []).filter(
    (file) => file.status === 'failed' && !file.assertionResults?.some((t) => t.status === 'failed'),
  ).length;
}
