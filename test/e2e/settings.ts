// User settings for a workbench meant for people (npm start) and for the UI smoke test, on top of the
// harness's quiet settings (test/vscode/codeServer.ts).
import { copyFile, readFile } from 'node:fs/promises';
import * as path from 'node:path';

export const DEMO_SETTINGS: Readonly<Record<string, unknown>> = {
  // The extension starts its built-in simulator and connects right after activation (src/extension.ts).
  'flighthub.simulator.connectOnStartup': true,
  // With AI features off the secondary side bar opens empty and takes a third of the window.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/**
 * The settings a reused user-data folder already holds, so `npm start` keeps what the user changed in
 * the UI. VS Code writes plain JSON, but people may add comments (JSONC); such a file is kept as
 * `settings.json.bak` and replaced rather than half-parsed.
 */
export async function readUserSettings(userDataDir: string): Promise<Record<string, unknown>> {
  const file = path.join(userDataDir, 'User', 'settings.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return {};
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // Falls through to the backup below.
  }
  await copyFile(file, `${file}.bak`);
  console.warn(`${file} is not plain JSON: replaced, with the old file kept as settings.json.bak`);
  return {};
}
