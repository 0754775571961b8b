// The words for a form problem (src/features/devices/forms.ts), and one input box that checks as the
// person types.
import * as vscode from 'vscode';
import { UserCancelled } from '../../ui/run';
import type { Checked, Problem } from './forms';

export function problemText(p: Problem): string {
  const t = vscode.l10n.t;
  switch (p.code) {
    case 'empty':
      return t('"{0}" is required.', p.field);
    case 'bad_host':
      return t('"{0}" must be a host name or an IPv4 address, without scheme or port.', p.field);
    case 'bad_port':
      return t('"{0}" must be a port number from 1 to 65535.', p.field);
    case 'bad_mount_point':
      return t('The mount point may only contain letters, digits, "_", "-" and ".".');
    case 'bad_user_id':
      return t('"{0}" is not a FlightHub user id (digits only).', p.value);
    case 'duplicate_user_id':
      return t('User id {0} is listed twice.', p.value);
    case 'too_many_users':
      return t('Add at most {0} users at a time.', p.max);
    case 'bad_url':
      return t(
        'Enter a URL starting with {0}, with a host and a stream path.',
        p.schemes.map((s) => `${s}://`).join(' / '),
      );
    case 'bad_gb_id':
      return t('"{0}" must be a GB/T 28181 id of 20 digits.', p.field);
  }
}

/** The value, or an Error with the problem in words (for plain-object callers). */
export function orThrow<T>(checked: Checked<T>): T {
  if (!checked.ok) throw new Error(vscode.l10n.t('Invalid arguments: {0}', problemText(checked.problem)));
  return checked.value;
}

/** An input box validated by `check` on every keystroke; Escape cancels the command. */
export async function askChecked<T>(
  o: { title: string; prompt: string; value?: string; placeholder?: string; password?: boolean },
  check: (value: string) => Checked<T>,
): Promise<T> {
  const text = await vscode.window.showInputBox({
    title: o.title,
    prompt: o.prompt,
    value: o.value,
    placeHolder: o.placeholder,
    password: o.password,
    ignoreFocusOut: true,
    validateInput: (v) => {
      const c = check(v);
      return c.ok ? undefined : problemText(c.problem);
    },
  });
  if (text === undefined) throw new UserCancelled();
  return orThrow(check(text));
}
