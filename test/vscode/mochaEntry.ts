// The `extensionTestsPath` module: VS Code loads it inside the extension host and calls `run()`; the
// promise's outcome becomes the extension host's exit code, and so the test process's. Both runners
// (code-server and desktop) use this same entry.
//
// Mocha 10 on purpose: mocha 12 is ESM-only and its `require('mocha')` no longer returns the class,
// while the extension host loads this file with `require` (docs/testing.md#mocha-entry).
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/**
 * Generous: a first `executeCommand` may wait for the extension to activate, and on VS Code 1.100 one
 * webview page may take 30 s to load (PAGE_LOAD_MS in test/integration/api.ts); a test opens up to two.
 */
const TEST_TIMEOUT_MS = 90_000;

export function run(): Promise<void> {
  // The runners pass these through the environment; the defaults match `npm run compile-tests`.
  const testsDir = process.env.FLIGHTHUB_VSCODE_TESTS ?? path.resolve(__dirname, '..', 'integration');
  const grep = process.env.FLIGHTHUB_VSCODE_GREP;

  const files = findTestFiles(testsDir);
  if (files.length === 0) {
    return Promise.reject(
      new Error(`no *.test.js files under ${testsDir}: run \`npm run compile-tests\` first`),
    );
  }
  // No colours: the report travels through VS Code's log and CI reads it as plain text.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: TEST_TIMEOUT_MS, ...(grep ? { grep } : {}) });
  for (const file of files) mocha.addFile(file);
  // Reporters log printf-style (`console.log('%s (%dms)', title, ms)`); the web workbench forwards the
  // extension host's console arguments joined with spaces, unformatted, so format them here.
  Mocha.reporters.Base.consoleLog = (...data: unknown[]) => console.log(format(...data));

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const passes = runner.stats?.passes ?? 0;
        const pending = runner.stats?.pending ?? 0;
        console.log(summaryLine(passes, failures, pending));
        if (failures > 0) reject(new Error(`${failures} of ${passes + failures} tests failed`));
        // A run that executed nothing must not look green (a grep that matches no test, say).
        else if (passes === 0) reject(new Error(`no test ran${grep ? ` (grep: ${grep})` : ''}`));
        else resolve();
      });
    } catch (error) {
      // Loading a test file throws synchronously (a syntax error, a missing module).
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

/** The plain closing line CI reads: `N passed, N failed`, with `, N skipped` only when some were. */
export function summaryLine(passed: number, failed: number, skipped: number): string {
  return `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}

/** Every `*.test.js` below `dir`, sorted so the order is the same on every machine. */
function findTestFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.endsWith('.test.js'))
    .map((entry) => path.join(dir, entry))
    .sort();
}
