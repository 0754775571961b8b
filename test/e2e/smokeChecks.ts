// What the UI smoke test asserts, in the order a person would look: the FlightHub icon, the side bar
// connected to the built-in simulator, projects and their docks, tasks, routes, then commands from the
// palette. Each check waits for what it needs with a timeout instead of sleeping.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { seedOrganization } from '../../src/simulator/world/org';
import type { Check } from './checks';
import { findSimulatorConnections } from './extensionLog';
import {
  activityItem,
  editorTab,
  notification,
  openFlightHub,
  openPalette,
  quickInput,
  quickInputRows,
  runFromPalette,
  treeRows,
  VIEW_NAMES,
  viewHeader,
  waitForCount,
  webviewText,
  widenSideBar,
} from './workbench';

/** The first load of the workbench (code-server, extension host, our activation) is the slow part. */
const LOAD_MS = 90_000;
const STEP_MS = 30_000;
/** Project names do not depend on the simulator's seed (src/simulator/world/org.ts). */
const PROJECT_NAMES = seedOrganization('smoke').projects.map((p) => p.name);

export function smokeChecks(page: Page, userDataDir: string): Check[] {
  return [
    {
      name: 'the workbench loads with a FlightHub item in the activity bar',
      shot: 'workbench',
      run: () => activityItem(page).waitFor({ state: 'visible', timeout: LOAD_MS }),
    },
    {
      name: 'clicking it opens the FlightHub side bar with its five views',
      shot: 'flighthub-sidebar',
      run: async () => {
        await openFlightHub(page, STEP_MS);
        for (const view of VIEW_NAMES) {
          await viewHeader(page, view).waitFor({ state: 'visible', timeout: STEP_MS });
        }
        await widenSideBar(page, 220);
      },
    },
    {
      name: 'Projects lists the simulated projects, one marked active',
      shot: 'projects',
      run: async () => {
        const rows = treeRows(page, 'Projects', 1);
        // connectOnStartup makes the first project active (flighthub.trySimulator).
        const active = page.locator('.label-description', { hasText: /^active$/ });
        await rows.filter({ has: active }).first().waitFor({ timeout: LOAD_MS });
        const texts = await waitForCount(rows, PROJECT_NAMES.length, STEP_MS);
        for (const name of PROJECT_NAMES)
          assert.ok(
            texts.some((t) => t.includes(name)),
            `no row for the project ${name}: ${JSON.stringify(texts)}`,
          );
        assert.equal(await rows.filter({ has: active }).count(), 1, 'one project is marked active');
      },
    },
    {
      name: 'the extension log records the connection to the built-in simulator',
      shot: 'connected',
      run: () => waitFor(async () => (await findSimulatorConnections(userDataDir)).length > 0, STEP_MS),
    },
    {
      name: 'expanding a project shows its docks',
      shot: 'project-devices',
      run: async () => {
        const project = treeRows(page, 'Projects', 1).first();
        await project.locator('.monaco-tl-twistie').click({ timeout: STEP_MS });
        await treeRows(page, 'Projects', 2)
          .filter({ hasText: /Dock/ })
          .first()
          .waitFor({ state: 'visible', timeout: STEP_MS });
      },
    },
    {
      name: 'Devices lists docks with their aircraft underneath',
      shot: 'devices',
      run: async () => {
        await waitForCount(treeRows(page, 'Devices', 1).filter({ hasText: /Dock/ }), 1, STEP_MS);
        await waitForCount(treeRows(page, 'Devices', 2), 1, STEP_MS);
      },
    },
    {
      name: 'Flight Tasks shows docks expanded with task rows; a click opens task details',
      shot: 'tasks',
      run: async () => {
        // Collapsing the two upper views gives tasks and routes room (and the screenshot something to show).
        await viewHeader(page, 'Projects').click({ timeout: STEP_MS });
        await viewHeader(page, 'Devices').click({ timeout: STEP_MS });
        // Not matched on the "N tasks" description: it is only drawn after a later refresh of the row.
        const dock = treeRows(page, 'Flight Tasks', 1).and(page.locator('[aria-expanded="true"]'));
        await dock.first().waitFor({ state: 'visible', timeout: STEP_MS });
        // Task rows carry the task UUID in their tooltip, which VS Code puts into the aria-label.
        const tasks = treeRows(page, 'Flight Tasks', 2).and(page.locator('[aria-label*="UUID"]'));
        await waitForCount(tasks, 3, STEP_MS);
        // A task row's command is flighthub.showTaskDetails: a readable page titled "<task> details".
        await tasks.first().click({ timeout: STEP_MS });
        await editorTab(page, /details/)
          .first()
          .waitFor({ state: 'visible', timeout: STEP_MS });
        // The page itself, drawn (not only its tab): its sections and actions.
        await webviewText(page, 'Dock and route').waitFor({ state: 'visible', timeout: STEP_MS });
        await webviewText(page, 'Open as JSON').waitFor({ state: 'visible', timeout: STEP_MS });
      },
    },
    {
      name: 'Flight Routes lists routes; a click opens route details',
      shot: 'routes',
      run: async () => {
        const routes = treeRows(page, 'Flight Routes', 1).and(page.locator('[aria-label*="UUID"]'));
        await waitForCount(routes, 1, STEP_MS);
        // A route row's command is flighthub.showRouteDetails: a readable page titled "<route> route".
        await routes.last().click({ timeout: STEP_MS });
        await editorTab(page, /route/).first().waitFor({ state: 'visible', timeout: STEP_MS });
        await webviewText(page, 'Open as JSON').waitFor({ state: 'visible', timeout: STEP_MS });
      },
    },
    {
      name: 'F1 "FlightHub:" lists the extension commands',
      shot: 'command-palette',
      run: async () => {
        await openPalette(page, 'FlightHub: ', STEP_MS);
        // The list is virtualized: only the first ~16 rows exist in the DOM (alphabetical), so assert
        // on one near the top.
        const ours = quickInputRows(page).filter({ hasText: /^FlightHub: / });
        await ours
          .filter({ hasText: 'FlightHub: Create Flight Task…' })
          .first()
          .waitFor({ timeout: STEP_MS });
        await waitForCount(ours, 10, STEP_MS);
      },
    },
    {
      name: 'FlightHub: Show Flight Command Audit Log says no flight command has been sent yet',
      shot: 'audit-log',
      run: async () => {
        await page.keyboard.press('Escape');
        await quickInput(page).waitFor({ state: 'hidden', timeout: STEP_MS });
        await runFromPalette(page, 'FlightHub: Show Flight Command Audit Log', STEP_MS);
        // A fresh profile has sent no flight command: the command says so (with a log it opens the log).
        await notification(page, 'No flight command has been sent yet.').waitFor({
          state: 'visible',
          timeout: STEP_MS,
        });
      },
    },
    {
      name: 'FlightHub: Filter Flight Tasks… opens its first step',
      shot: 'filter-tasks',
      run: async () => {
        await runFromPalette(page, 'FlightHub: Filter Flight Tasks…', STEP_MS);
        await quickInputRows(page)
          .filter({ hasText: /Days back: \d+/ })
          .first()
          .waitFor({ timeout: STEP_MS });
        // The step's question is the input's placeholder, not text in the DOM.
        await quickInput(page)
          .locator('input[placeholder="Show tasks from how far back?"]')
          .waitFor({ state: 'visible', timeout: STEP_MS });
      },
    },
  ];
}

/** Polls a condition that lives outside the page (a log file on disk). */
async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
