// A tiny sequential check runner for the UI smoke test: each check is one passed/failed item, with a
// screenshot after it. UI steps depend on each other (no tree rows without the side bar), so the first
// failure stops the run; the checks that did not run are counted as failed, so the total never shrinks
// and a broken start cannot look like a shorter green run.
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { Page } from 'playwright-core';

export interface Check {
  readonly name: string;
  /** File name (without .png) of the screenshot taken after the check, pass or fail. */
  readonly shot: string;
  readonly run: () => Promise<void>;
}

export interface CheckResults {
  /** Failed = all checks − passed: a check cut short by a timeout never reports, but still failed. */
  readonly passed: number;
  /** Screenshots taken, by `shot` name. */
  readonly screenshots: ReadonlyMap<string, string>;
}

export class CheckRunner {
  private passed = 0;
  private stopped = false;
  /** Set on a timeout or signal: the run is being torn down, so nothing more is checked or printed. */
  private interrupted = false;
  private readonly screenshots = new Map<string, string>();

  constructor(
    private readonly page: Page,
    private readonly outDir: string,
  ) {}

  /** Runs the checks in order until one fails. */
  async runAll(checks: readonly Check[]): Promise<void> {
    await mkdir(this.outDir, { recursive: true });
    for (const [index, check] of checks.entries()) {
      if (this.interrupted) return;
      if (this.stopped) {
        console.log(`  - ${check.name}: not run (an earlier check failed)`);
        continue;
      }
      const started = Date.now();
      try {
        await check.run();
        if (this.interrupted) return;
        this.passed++;
        console.log(`  ✓ ${check.name} (${Date.now() - started} ms)`);
      } catch (error) {
        if (this.interrupted) return;
        this.stopped = true;
        console.log(`  ✗ ${check.name} (${Date.now() - started} ms)\n      ${describeFailure(error)}`);
      }
      await this.screenshot(`${String(index + 1).padStart(2, '0')}-${check.shot}`);
    }
  }

  interrupt(): void {
    this.interrupted = true;
  }

  results(): CheckResults {
    return { passed: this.passed, screenshots: this.screenshots };
  }

  private async screenshot(name: string): Promise<void> {
    const file = path.join(this.outDir, `${name}.png`);
    try {
      // The mouse parks in a corner first, so no hover tooltip covers what the shot is meant to show.
      await this.page.mouse.move(1, 1);
      await this.page.screenshot({ path: file, timeout: 15_000 });
      this.screenshots.set(name, file);
    } catch (error) {
      console.log(`      (no screenshot ${name}: ${describeFailure(error)})`);
    }
  }
}

/**
 * Playwright errors carry a call log after the first line; the first line says what went wrong and the
 * "waiting for" line says for which locator.
 */
function describeFailure(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error)).split('\n');
  const waitingFor = lines.find((line) => line.includes('- waiting for'));
  // The call log is coloured with ANSI escapes when stdout is a terminal.
  return [lines[0], waitingFor === undefined ? undefined : stripVTControlCharacters(waitingFor).trim()]
    .filter((line) => line !== undefined)
    .join(' ');
}
