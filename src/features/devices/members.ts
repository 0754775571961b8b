// "Add Members to Project" (project item context menu): FlightHub user ids and a role, checked, then
// `PUT /project/member` (docs/api.md#project-members) on that project, active or not.
import * as vscode from 'vscode';
import * as z from 'zod';
import { NoProjectError } from '../../services/session';
import type { CommandFactory } from '../../ui/context';
import { parseArgs } from '../../ui/pickers';
import { UserCancelled } from '../../ui/run';
import { ProjectNode } from '../../ui/tree/nodes';
import { MEMBER_ROLES, membersBody, parseUserIds, type MemberInput, type MemberRole } from './forms';
import { askChecked, orThrow } from './formText';

const memberArgs = z.looseObject({
  projectUuid: z.string().min(1).optional(),
  add_users: z
    .array(
      z.looseObject({ user_id: z.string(), role: z.enum(MEMBER_ROLES), nickname: z.string().optional() }),
    )
    .min(1),
});

function roleLabel(role: MemberRole): string {
  return role === 'project-admin' ? vscode.l10n.t('Project administrator') : vscode.l10n.t('Project member');
}

async function askMembers(title: string): Promise<MemberInput[]> {
  const ids = await askChecked(
    {
      title,
      prompt: vscode.l10n.t('FlightHub user ids, separated by commas or spaces'),
      placeholder: '1770008767275012096',
    },
    parseUserIds,
  );
  const role = await vscode.window.showQuickPick(
    MEMBER_ROLES.map((r) => ({ label: roleLabel(r), description: r, role: r })),
    { title, placeHolder: vscode.l10n.t('Role in the project') },
  );
  if (!role) throw new UserCancelled();
  // A nickname is one person's name in the project: asked only when adding one person.
  let nickname: string | undefined;
  if (ids.length === 1) {
    nickname = await vscode.window.showInputBox({
      title,
      prompt: vscode.l10n.t('Nickname in the project (optional)'),
      ignoreFocusOut: true,
    });
    if (nickname === undefined) throw new UserCancelled();
  }
  return ids.map((user_id) => ({ user_id, role: role.role, nickname }));
}

/** Arguments: a project node, or `{projectUuid?, add_users: [{user_id, role, nickname?}]}`; none: the active project. */
export const addProjectMembers: CommandFactory = (ctx) => async (arg?: unknown) => {
  const title = vscode.l10n.t('Add Members to Project');
  const { session } = ctx.services;
  const given = parseArgs(memberArgs, arg);
  const node = arg instanceof ProjectNode ? arg : undefined;
  const uuid = node?.project.uuid ?? given?.projectUuid ?? session.project?.uuid;
  if (!uuid) throw new NoProjectError();
  const name = node?.project.name ?? (uuid === session.project?.uuid ? session.project.name : uuid);
  const users = given ? given.add_users : await askMembers(title);
  const body = orThrow(membersBody(users));
  await (await session.client()).project(uuid).addMembers(body);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('{0} user(s) added to {1}.', body.add_users.length, name),
  );
  return body.add_users.map((u) => u.user_id);
};
