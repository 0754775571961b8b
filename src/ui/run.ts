// The one error boundary for commands: failures become one notification with "Show Log"; a person
// cancelling is not an error.
import * as vscode from 'vscode';
import { CancelledError } from '../api/errors';
import { describeError } from '../core/errorText';
import type { Services } from '../services/services';

/** Thrown by a command when the person backs out of an input; ends the command silently. */
export class UserCancelled extends Error {
  readonly code = 'user_cancelled';
}

export function withErrorBoundary(
  services: Services,
  id: string,
  handler: (...args: unknown[]) => unknown,
): (...args: unknown[]) => Promise<unknown> {
  return async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof UserCancelled || CancelledError.is(error)) return undefined;
      const text = describeError(error);
      services.log.error(`${id} failed: ${text}`);
      const showLog = vscode.l10n.t('Show Log');
      void vscode.window.showErrorMessage(text, showLog).then((choice) => {
        if (choice === showLog) services.log.show();
      });
      // Not rethrown: VS Code would show a second, less helpful notification. Programmatic callers
      // get `undefined` instead of the command's result.
      services.lastCommandError = error;
      return undefined;
    }
  };
}
