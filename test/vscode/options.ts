// Options shared by both runners (code-server and desktop). Every option can come from argv or from the
// environment, so a developer types flags while CI and npm scripts set variables.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { parseVsCodeChoice, type VsCodeChoice } from './tools';

/** Compiled to out/test/vscode/, so the repository root is three levels up. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** The module VS Code loads as `extensionTestsPath`: this folder's compiled mocha entry. */
export const mochaEntryPath = path.join(__dirname, 'mochaEntry.js');

export interface HarnessOptions {
  /** The extension under test (`extensionDevelopmentPath`). */
  readonly extensionPath: string;
  /** Folder searched for compiled `*.test.js` files by the mocha entry. */
  readonly testsDir: string;
  /** Folder opened in VS Code; a fresh temp folder when absent. */
  readonly workspace: string | undefined;
  readonly grep: string | undefined;
  /** Where screenshots and logs of failed runs go. */
  readonly screenshotDir: string;
  /** Also take a screenshot when the run passes (to look at what the suite saw). */
  readonly screenshotAlways: boolean;
  readonly timeoutMs: number;
  /** Echo code-server's own output, not only the extension host's. */
  readonly verbose: boolean;
  /** Which installed VS Code runs the suite: the current one or the oldest engines.vscode accepts. */
  readonly vscode: VsCodeChoice;
}

const USAGE = `usage: node out/test/vscode/runInCodeServer.js [options]
  --extension <dir>       extension under test       (FLIGHTHUB_VSCODE_EXTENSION, default: repository root)
  --tests <dir>           compiled *.test.js folder  (FLIGHTHUB_VSCODE_TESTS, default: out/test/integration)
  --workspace <dir>       folder to open             (FLIGHTHUB_VSCODE_WORKSPACE, default: a new temp folder)
  --grep <pattern>        mocha grep                 (FLIGHTHUB_VSCODE_GREP)
  --screenshot-dir <dir>  failure artifacts          (FLIGHTHUB_VSCODE_SCREENSHOT_DIR, default: test-output)
  --screenshot-always     screenshot passing runs too (FLIGHTHUB_VSCODE_SCREENSHOT_ALWAYS=1)
  --timeout <seconds>     whole-run timeout          (FLIGHTHUB_VSCODE_TIMEOUT, default: 600)
  --verbose               echo code-server's output  (FLIGHTHUB_VSCODE_VERBOSE=1)`;

export function parseHarnessOptions(argv: readonly string[], env: NodeJS.ProcessEnv): HarnessOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      extension: { type: 'string' },
      tests: { type: 'string' },
      workspace: { type: 'string' },
      grep: { type: 'string' },
      'screenshot-dir': { type: 'string' },
      'screenshot-always': { type: 'boolean' },
      timeout: { type: 'string' },
      verbose: { type: 'boolean' },
      vscode: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const pick = (flag: string | undefined, name: string): string | undefined => flag ?? nonEmpty(env[name]);
  const workspace = pick(values.workspace, 'FLIGHTHUB_VSCODE_WORKSPACE');
  const timeoutSeconds = Number(pick(values.timeout, 'FLIGHTHUB_VSCODE_TIMEOUT') ?? 600);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    throw new Error(`timeout must be a positive number of seconds\n${USAGE}`);
  }
  return {
    extensionPath: path.resolve(pick(values.extension, 'FLIGHTHUB_VSCODE_EXTENSION') ?? repoRoot),
    testsDir: path.resolve(
      pick(values.tests, 'FLIGHTHUB_VSCODE_TESTS') ?? path.join(repoRoot, 'out/test/integration'),
    ),
    workspace: workspace === undefined ? undefined : path.resolve(workspace),
    grep: pick(values.grep, 'FLIGHTHUB_VSCODE_GREP'),
    screenshotDir: path.resolve(
      pick(values['screenshot-dir'], 'FLIGHTHUB_VSCODE_SCREENSHOT_DIR') ?? path.join(repoRoot, 'test-output'),
    ),
    screenshotAlways: values['screenshot-always'] ?? env.FLIGHTHUB_VSCODE_SCREENSHOT_ALWAYS === '1',
    timeoutMs: timeoutSeconds * 1000,
    verbose: values.verbose ?? env.FLIGHTHUB_VSCODE_VERBOSE === '1',
    vscode: parseVsCodeChoice(pick(values.vscode, 'FLIGHTHUB_VSCODE')),
  };
}

/**
 * What the mocha entry needs to know inside the extension host. It cannot take arguments, so both runners
 * hand it environment variables (the extension host inherits the server's or the window's environment).
 */
export function extensionTestsEnv(options: HarnessOptions): Record<string, string> {
  return {
    FLIGHTHUB_VSCODE_TESTS: options.testsDir,
    ...(options.grep === undefined ? {} : { FLIGHTHUB_VSCODE_GREP: options.grep }),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
