// Notifications that carry actions, behind one function type so that extension mode Test can record
// them (src/app/testHooks.ts): a real notification cannot be read or clicked from a test.
import * as vscode from 'vscode';

/** Shows `message` with `actions` as buttons; resolves with the chosen action, or undefined. */
export type Notify = (
  kind: 'info' | 'warning',
  message: string,
  ...actions: string[]
) => Promise<string | undefined>;

export const showNotification: Notify = async (kind, message, ...actions) =>
  kind === 'info'
    ? vscode.window.showInformationMessage(message, ...actions)
    : vscode.window.showWarningMessage(message, ...actions);
