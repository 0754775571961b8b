// Multi-step input with a Back button: a list of steps, each asking one thing with a quick pick or an
// input box that shows "step/total". Back re-runs the previous step that ran; Escape ends the command.
import * as vscode from 'vscode';
import { UserCancelled } from './run';

/** Thrown by an input when the person presses Back; `runSteps` catches it. */
export class BackPressed extends Error {
  readonly code = 'back';
}

export interface Step {
  /** Steps that do not apply (e.g. a schedule for an immediate task) are skipped both ways. */
  readonly when?: () => boolean;
  run(input: StepInput): Promise<void>;
}

export interface PickOptions<T extends vscode.QuickPickItem> {
  readonly items: readonly T[];
  readonly placeholder?: string;
  readonly active?: T;
  /** Return false to keep the pick open (e.g. for an informative row). */
  readonly accept?: (item: T) => boolean;
}

export interface InputOptions {
  readonly value: string;
  readonly prompt: string;
  readonly placeholder?: string;
  /** Runs on every keystroke; a message blocks Enter. */
  readonly validate: (value: string) => string | undefined;
}

/** What QuickPick and InputBox share, Back button included. */
type Shown = vscode.QuickInput & {
  buttons: readonly vscode.QuickInputButton[];
  readonly onDidTriggerButton: vscode.Event<vscode.QuickInputButton>;
};

export class StepInput {
  constructor(
    readonly title: string,
    readonly step: number,
    readonly totalSteps: number,
  ) {}

  pick<T extends vscode.QuickPickItem>(o: PickOptions<T>): Promise<T> {
    const qp = vscode.window.createQuickPick<T>();
    qp.items = o.items;
    qp.placeholder = o.placeholder;
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    if (o.active) qp.activeItems = [o.active];
    return this.show(qp, (done) =>
      qp.onDidAccept(() => {
        const item = qp.selectedItems[0] ?? qp.activeItems[0];
        if (item && (!o.accept || o.accept(item))) done(item);
      }),
    );
  }

  /** Several items; none selected is a valid answer (the caller says what it means). */
  pickMany<T extends vscode.QuickPickItem>(
    o: PickOptions<T> & { readonly selected: readonly T[] },
  ): Promise<T[]> {
    const qp = vscode.window.createQuickPick<T>();
    qp.canSelectMany = true;
    qp.items = o.items;
    qp.selectedItems = o.selected;
    qp.placeholder = o.placeholder;
    return this.show(qp, (done) => qp.onDidAccept(() => done([...qp.selectedItems])));
  }

  input(o: InputOptions): Promise<string> {
    const box = vscode.window.createInputBox();
    box.value = o.value;
    box.prompt = o.prompt;
    box.placeholder = o.placeholder;
    box.validationMessage = o.value ? o.validate(o.value) : undefined;
    const changed = box.onDidChangeValue((v) => (box.validationMessage = o.validate(v)));
    return this.show(box, (done) =>
      vscode.Disposable.from(
        changed,
        box.onDidAccept(() => {
          box.validationMessage = o.validate(box.value);
          if (!box.validationMessage) done(box.value);
        }),
      ),
    );
  }

  private show<R>(input: Shown, wire: (done: (value: R) => void) => vscode.Disposable): Promise<R> {
    input.title = this.title;
    input.step = this.step;
    input.totalSteps = this.totalSteps;
    input.ignoreFocusOut = true;
    input.buttons = this.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    const disposables: vscode.Disposable[] = [];
    return new Promise<R>((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void) => {
        settled = true;
        fn();
        input.hide();
      };
      disposables.push(
        wire((value) => settle(() => resolve(value))),
        input.onDidTriggerButton((b) => {
          if (b === vscode.QuickInputButtons.Back) settle(() => reject(new BackPressed()));
        }),
        input.onDidHide(() => {
          if (!settled) reject(new UserCancelled());
        }),
      );
      input.show();
    }).finally(() => {
      for (const d of disposables) d.dispose();
      input.dispose();
    });
  }
}

/** Runs the steps in order; Back goes to the last step that ran, Back on the first step cancels. */
export async function runSteps(title: string, steps: readonly Step[]): Promise<void> {
  const applies = (s: Step) => !s.when || s.when();
  const history: number[] = [];
  let i = 0;
  while (i < steps.length) {
    const step = steps[i];
    if (!step || !applies(step)) {
      i++;
      continue;
    }
    // Counted now, not up front: earlier answers (the task type) change which steps apply.
    const number = steps.slice(0, i).filter(applies).length + 1;
    const total = steps.filter(applies).length;
    try {
      await step.run(new StepInput(title, number, total));
      history.push(i);
      i++;
    } catch (error) {
      if (!(error instanceof BackPressed)) throw error;
      const previous = history.pop();
      if (previous === undefined) throw new UserCancelled();
      i = previous;
    }
  }
}
