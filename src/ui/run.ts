// The one error boundary for commands: failures become one notification with "Show Log"; a person
// cancelling is not an error.
import * as vscode from 'vscode';
import { CancelledError } from '../api/errors';
import { describeError } from '../core/errorText';
import type { Logger } from '../services/log';

/** Thrown by a command when the person backs out of an input; ends the command silently. */
export class UserCancelled extends Error {
  readonly code = 'user_cancelled';
}

/** A command that failed: what the boundary caught, for whoever wired it (the TestApi in tests). */
export interface CommandFailure {
  readonly command: string;
  readonly error: unknown;
}

export function withErrorBoundary(
  log: Logger,
  id: string,
  handler: (...args: unknown[]) => unknown,
  onFailure?: (failure: CommandFailure) => void,
): (...args: unknown[]) => Promise<unknown> {
  return async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof UserCancelled || CancelledError.is(error)) return undefined;
      const text = describeError(error);
      log.error(`${id} failed: ${text}`);
      const showLog = vscode.l10n.t('Show Log');
      void vscode.window.showErrorMessage(text, showLog).then((choice) => {
        if (choice === showLog) log.show();
      });
      // Not rethrown: VS Code would show a second, less helpful notification. Programmatic callers
      // get `undefined` instead of the command's result.
      onFailure?.({ command: id, error });
      return undefined;
    }
  };
}
