// What extension mode Test adds to the wiring, so that no service carries test state: the command
// failures the error boundary reports, a safety prompt a test can answer instead of a person, and the
// notifications with actions (recorded, and answerable by the test).
// The TestApi (src/extension.ts) hands them to the integration tests.
import { modalPrompt, type Prompt } from '../services/safety';
import type { Services } from '../services/services';
import type { CommandFailure } from '../ui/run';
import type { Wired } from './wire';
import { showNotification, type Notify } from '../ui/notify';

/** A notification with actions as a test sees it: its text, its buttons, and a way to press one. */
export interface RecordedNotification {
  readonly kind: 'info' | 'warning';
  readonly message: string;
  readonly actions: readonly string[];
  /** Presses `action` (or dismisses with undefined) as a person would. */
  choose(action: string | undefined): void;
}

/** What integration tests get from `activate()` (only in extension mode Test). */
export interface TestApi extends Wired {
  readonly services: Services;
  /** Every failure a command's error boundary caught, oldest first (a live list). */
  readonly commandFailures: readonly CommandFailure[];
  /** The error of the newest entry in `commandFailures`. */
  lastCommandError(): unknown;
  /** Answers the safety gate's confirmations instead of the modal dialog; `undefined` restores it. */
  setSafetyPrompt(prompt: Prompt | undefined): void;
  /** Every notification shown through `Notify` (src/ui/notify.ts), oldest first (a live list). */
  readonly notifications: readonly RecordedNotification[];
}

export class TestHooks {
  private readonly failures: CommandFailure[] = [];
  private prompt: Prompt = modalPrompt;
  private readonly shown: RecordedNotification[] = [];

  /** Shows the real notification and records it; whichever answers first (person or test) wins. */
  readonly notify: Notify = (kind, message, ...actions) =>
    new Promise((resolve) => {
      this.shown.push({ kind, message, actions, choose: resolve });
      void showNotification(kind, message, ...actions).then(
        (chosen) => chosen !== undefined && resolve(chosen),
      );
    });

  /** Given to the error boundary. */
  readonly onCommandFailure = (failure: CommandFailure): void => {
    this.failures.push(failure);
  };

  /** Given to the safety gate: asks whichever prompt the test set last (the modal one by default). */
  readonly safetyPrompt: Prompt = (message, detail, confirmLabel) =>
    this.prompt(message, detail, confirmLabel);

  /** Every failure so far, oldest first. */
  get commandFailures(): readonly CommandFailure[] {
    return this.failures;
  }

  setSafetyPrompt(prompt: Prompt | undefined): void {
    this.prompt = prompt ?? modalPrompt;
  }

  api(services: Services, wired: Wired): TestApi {
    return {
      ...wired,
      services,
      commandFailures: this.failures,
      lastCommandError: () => this.failures.at(-1)?.error,
      setSafetyPrompt: (prompt) => this.setSafetyPrompt(prompt),
      notifications: this.shown,
    };
  }
}
