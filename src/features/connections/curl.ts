// "Copy a Recent Request as curl…": a quick pick of the session's latest requests (newest first,
// failures marked), because the very last one is often a background poll. Tests and other callers
// may pass `{ requestId }` or `{ index }` (0 = newest) instead of picking.
import * as vscode from 'vscode';
import * as z from 'zod';
import type { RecentRequestRow } from '../../core/recentRequests';
import type { CommandFactory } from '../../ui/context';

const selector = z.union([
  z.strictObject({ requestId: z.string().min(1) }),
  z.strictObject({ index: z.number().int().min(0) }),
]);

interface RowItem extends vscode.QuickPickItem {
  readonly row: RecentRequestRow;
}

export const copyRecentRequestAsCurl: CommandFactory = (ctx) => async (arg?: unknown) => {
  const rows = ctx.services.log.recentRequests();
  if (!rows.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No request has been sent yet in this session.'));
    return undefined;
  }
  const row = arg === undefined ? await pick(rows) : select(rows, arg);
  if (!row) return undefined;
  await vscode.env.clipboard.writeText(row.curl);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Copied as curl. The key is read from $FLIGHTHUB_ORG_KEY.'),
  );
  return row.curl;
};

function select(rows: readonly RecentRequestRow[], arg: unknown): RecentRequestRow | undefined {
  const parsed = selector.safeParse(arg);
  if (!parsed.success) return undefined;
  const s = parsed.data;
  return 'index' in s ? rows[s.index] : rows.find((r) => r.requestId === s.requestId);
}

async function pick(rows: readonly RecentRequestRow[]): Promise<RecentRequestRow | undefined> {
  const time = (at: number) => new Date(at).toLocaleTimeString(vscode.env.language);
  const items: RowItem[] = rows.map((row) => ({
    row,
    label: `${row.failed ? '$(error)' : '$(pass)'} ${row.method} ${row.path}`,
    description: `${row.outcome} · ${time(row.at)}`,
    detail: row.failed
      ? vscode.l10n.t('Failed ({0}) · request id {1}', row.error ?? '', row.requestId)
      : vscode.l10n.t('request id {0}', row.requestId),
  }));
  const chosen = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Copy a Recent Request as curl'),
    placeHolder: vscode.l10n.t('The latest {0} requests, newest first', rows.length),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return chosen?.row;
}
