// Locators and actions on the VS Code workbench DOM, by what people see: aria-labels and visible text.
// The class names (.monaco-list-row, .pane-header, .quick-input-widget) are VS Code's own and stable
// across releases; the smoke test pins code-server 4.139.1 anyway (scripts/install-tools.sh).
import type { Locator, Page } from 'playwright-core';

/** The view container id is `workbench.view.extension.<viewsContainers id>` (package.json). */
export const FLIGHTHUB_CONTAINER = 'workbench.view.extension.flighthub';
export const VIEW_NAMES = ['Projects', 'Devices', 'Flight Tasks', 'Flight Routes', 'Models'] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

/** The activity-bar entry carries the container's title as its aria-label. */
export function activityItem(page: Page): Locator {
  return page.locator('.activitybar .action-item a[aria-label="FlightHub"]');
}

/**
 * Opens the FlightHub side bar from the activity bar. Clicking the item of the open container closes
 * the side bar, and the extension may reveal the container by itself (flighthub.trySimulator does), so
 * the click happens only while it is not selected, and once more if a reveal raced with the first click.
 */
export async function openFlightHub(page: Page, timeoutMs: number): Promise<void> {
  // `has` is matched inside each <li>, so the inner locator must not repeat the .activitybar ancestor.
  const tab = page
    .locator('.activitybar li.action-item')
    .filter({ has: page.locator('a[aria-label="FlightHub"]') });
  for (let attempt = 0; attempt < 2; attempt++) {
    if ((await tab.getAttribute('aria-selected', { timeout: timeoutMs })) !== 'true') {
      await activityItem(page).click({ timeout: timeoutMs });
    }
    try {
      await container(page).waitFor({ state: 'visible', timeout: attempt === 0 ? 5_000 : timeoutMs });
      return;
    } catch (error) {
      if (attempt > 0) throw error;
    }
  }
}

export function container(page: Page): Locator {
  return page.locator(`[id="${FLIGHTHUB_CONTAINER}"]`);
}

/** A view's header inside the FlightHub container; VS Code labels it "<name> Section". */
export function viewHeader(page: Page, view: ViewName): Locator {
  return container(page).locator(`.pane-header[aria-label="${view} Section"]`);
}

/** Tree rows of one view. `level` 1 = roots, 2 = their children (aria-level, as the tree sets it). */
export function treeRows(page: Page, view: ViewName, level?: number): Locator {
  const pane = container(page)
    .locator('.pane')
    .filter({ has: page.locator(`.pane-header[aria-label="${view} Section"]`) });
  return pane.locator(level === undefined ? '.monaco-list-row' : `.monaco-list-row[aria-level="${level}"]`);
}

/** Waits until at least `min` elements match, then returns their visible texts. */
export async function waitForCount(locator: Locator, min: number, timeoutMs: number): Promise<string[]> {
  await locator.nth(min - 1).waitFor({ state: 'visible', timeout: timeoutMs });
  return locator.allInnerTexts();
}

/**
 * Drags the sash between side bar and editor so descriptions ("DJI Dock 2 · online · …") fit: the
 * default width cuts them off in screenshots. Layout only; no check depends on it.
 */
export async function widenSideBar(page: Page, extraPx: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (box === null) return;
  const x = box.x + box.width + 1;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + extraPx, y, { steps: 8 });
  await page.mouse.up();
}

/** The quick input (command palette, quick picks) while open. */
export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

export function quickInputRows(page: Page): Locator {
  return quickInput(page).locator('.monaco-list-row');
}

/** F1, then the command's title typed as a person would; leaves the palette open with the filtered list. */
export async function openPalette(page: Page, text: string, timeoutMs: number): Promise<void> {
  await page.keyboard.press('F1');
  const box = quickInput(page).locator('input');
  await box.waitFor({ state: 'visible', timeout: timeoutMs });
  // F1 pre-fills ">"; typing after it keeps the palette in command mode.
  await box.pressSequentially(text, { delay: 10 });
}

/** Runs a command by its palette title: F1, type, wait for the exact row, Enter. */
export async function runFromPalette(page: Page, title: string, timeoutMs: number): Promise<void> {
  await openPalette(page, title, timeoutMs);
  await quickInputRows(page)
    .filter({ hasText: title })
    .first()
    .waitFor({ state: 'visible', timeout: timeoutMs });
  await page.keyboard.press('Enter');
}

/** Notification toasts (bottom right) whose message contains `text`. */
export function notification(page: Page, text: string | RegExp): Locator {
  return page.locator('.notifications-toasts .notification-list-item-message').filter({ hasText: text });
}

/** Editor tabs whose title matches. */
export function editorTab(page: Page, title: string | RegExp): Locator {
  return page.locator('.tabs-container .tab').filter({ hasText: title });
}

/** Text drawn by a shown webview: VS Code puts the page in an iframe (`#active-frame`) in an iframe. */
export function webviewText(page: Page, text: string | RegExp): Locator {
  return page
    .locator('iframe.webview.ready:visible')
    .last()
    .contentFrame()
    .locator('#active-frame')
    .contentFrame()
    .getByText(text)
    .first();
}
