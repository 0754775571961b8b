// The two questions both reconstructions ask, with Back: the model's name, then what to build.
import * as vscode from 'vscode';
import { runSteps } from '../../ui/multiStep';

export interface KindChoice<K> {
  readonly label: string;
  readonly kinds: K;
}

/** Fills `answers` in place; `maxName` limits the name's length when the API does. */
export async function askNameAndKinds<K extends readonly string[]>(
  title: string,
  answers: { name: string; kinds: K },
  items: readonly KindChoice<K>[],
  maxName?: number,
): Promise<void> {
  await runSteps(title, [
    {
      run: async (input) => {
        answers.name = (
          await input.input({
            value: answers.name,
            prompt: vscode.l10n.t('Name of the model'),
            validate: (v) =>
              v.trim() === ''
                ? vscode.l10n.t('Enter a name.')
                : maxName !== undefined && v.length > maxName
                  ? vscode.l10n.t('At most 200 characters.')
                  : undefined,
          })
        ).trim();
      },
    },
    {
      run: async (input) => {
        const current = items.find((k) => k.kinds.join() === answers.kinds.join());
        answers.kinds = (
          await input.pick({
            items: [...items],
            active: current,
            placeholder: vscode.l10n.t('What to reconstruct'),
          })
        ).kinds;
      },
    },
  ]);
}
