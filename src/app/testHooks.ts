// What extension mode Test adds to the wiring, so that no service carries test state: the command
// failures the error boundary reports, and a safety prompt a test can answer instead of a person.
// The TestApi (src/extension.ts) hands both to the integration tests.
import { modalPrompt, type Prompt } from '../services/safety';
import type { CommandFailure } from '../ui/run';

export class TestHooks {
  private readonly failures: CommandFailure[] = [];
  private prompt: Prompt = modalPrompt;

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
}
