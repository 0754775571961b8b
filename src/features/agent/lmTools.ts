// The agent tools (src/agent/tools.ts) as VS Code Language Model Tools, for Copilot agent mode and any
// chat that uses `vscode.lm` tools: https://code.visualstudio.com/api/extension-guides/ai/tools
// Reads run at once. Actions plan first; `prepareInvocation` shows the plan as VS Code's confirmation.
// Because a person can switch those confirmations off (auto-approve), an action addressing a device
// also passes our SafetyGate inside `invoke`: the modal, the allowedDevices fence, the audit log
// marked `requestedBy: agent`. Nothing reaches FlightHub 2 before that.
import * as vscode from 'vscode';
import type { ActionPlan, AgentTool, ToolEnv } from '../../agent/tool';
import { ToolInputError } from '../../agent/tool';
import { describeError } from '../../core/errorText';
import { loadBundle } from '../../core/lazyBundle';
import { FlightHubError } from '../../api/errors';
import { SafetyBlockedError, type MovingAction } from '../../services/safety';
import { NotConnectedError } from '../../services/session';
import type { Services } from '../../services/services';

type ToolsModule = typeof import('../../agent/tools');

export type FlightHubLmTools = ReadonlyMap<string, vscode.LanguageModelTool<unknown>>;

const PREFIX = 'flighthub_';

/**
 * Registers every tool package.json declares; none where the editor has no Language Model Tools API
 * (some forks). The tools themselves (their schemas and texts) live in dist/agentTools.js, loaded on
 * the first call: the extension's main bundle stays small.
 */
export function registerLanguageModelTools(services: Services): {
  tools: FlightHubLmTools;
  disposables: vscode.Disposable[];
} {
  const declared = (
    services.context.extension.packageJSON as { contributes?: { languageModelTools?: { name: string }[] } }
  ).contributes?.languageModelTools;
  const dist = vscode.Uri.joinPath(services.context.extensionUri, 'dist').fsPath;
  const find = (name: string): AgentTool => {
    const tool = loadBundle<ToolsModule>(dist, 'agentTools.js').AGENT_TOOLS.find(
      (t) => PREFIX + t.name === name,
    );
    if (!tool) throw new Error(`no agent tool ${name}`);
    return tool;
  };
  const tools = new Map(
    (declared ?? [])
      .filter((t) => t.name.startsWith(PREFIX))
      .map((t) => [t.name, new FlightHubTool(services, () => find(t.name))] as const),
  );
  const lm: unknown = Reflect.get(vscode, 'lm');
  const register: unknown = lm && typeof lm === 'object' ? Reflect.get(lm, 'registerTool') : undefined;
  if (typeof register !== 'function') return { tools, disposables: [] };
  const disposables = [...tools].map(([name, tool]) => vscode.lm.registerTool(name, tool));
  return { tools, disposables };
}

const text = (value: string) => new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(value)]);

class FlightHubTool implements vscode.LanguageModelTool<unknown> {
  private loaded: AgentTool | undefined;

  constructor(
    private readonly services: Services,
    private readonly load: () => AgentTool,
  ) {}

  private get tool(): AgentTool {
    this.loaded ??= this.load();
    return this.loaded;
  }

  async prepareInvocation(
    options: vscode.LanguageModelToolInvocationPrepareOptions<unknown>,
    token: vscode.CancellationToken,
  ): Promise<vscode.PreparedToolInvocation> {
    const t = vscode.l10n.t;
    const tool = this.tool;
    if (tool.kind === 'read') return { invocationMessage: t('FlightHub 2: {0}', tool.title) };
    const connection = this.services.session.connection?.name ?? '-';
    let plan: ActionPlan | undefined;
    let problem: string | undefined;
    try {
      plan = await tool.plan(
        await this.services.session.client(),
        options.input,
        signal(token),
        env(this.services),
      );
    } catch (error) {
      problem = errorText(error);
    }
    // An action always asks, even when it cannot be planned: what `invoke` sends must have been shown.
    const body = plan
      ? [plan.text, t('Connection: {0}', connection)]
      : [t('FlightHub 2 cannot plan this yet: {0}', problem ?? '-'), t('Connection: {0}', connection)];
    return {
      invocationMessage: t('FlightHub 2: {0}', plan?.label ?? tool.title),
      confirmationMessages: {
        title: t('FlightHub 2: {0}?', plan?.label ?? tool.title),
        message: new vscode.MarkdownString(body.join('\n\n')),
      },
    };
  }

  async invoke(
    options: vscode.LanguageModelToolInvocationOptions<unknown>,
    token: vscode.CancellationToken,
  ): Promise<vscode.LanguageModelToolResult> {
    const abort = signal(token);
    try {
      const client = await this.services.session.client();
      if (this.tool.kind === 'read')
        return text(await this.tool.run(client, options.input, abort, env(this.services)));
      const plan = await this.tool.plan(client, options.input, abort, env(this.services));
      return text(await this.send(plan, abort));
    } catch (error) {
      if (error instanceof SafetyBlockedError) return text(`Refused by the safety fence: ${error.message}`);
      return text(errorText(error));
    }
  }

  /** Sends a plan; one that addresses a device only after the safety gate's modal and fence. */
  private async send(plan: ActionPlan, abort: AbortSignal): Promise<string> {
    if (!plan.target) return plan.execute(abort);
    const connection = this.services.session.connection;
    if (!connection) throw new NotConnectedError();
    const action: MovingAction = {
      action: plan.action,
      label: plan.label,
      deviceSn: plan.target.sn,
      deviceName: plan.target.name,
      taskName: plan.taskName,
      projectName: plan.project,
      connectionName: connection.name,
      requestedBy: 'agent',
    };
    const { safety, log } = this.services;
    if (!(await safety.confirm(action)))
      return 'The person declined in the FlightHub 2 confirmation: nothing was sent. Do not retry unless they ask.';
    // The fence again after the modal: settings may have changed while it was open.
    await safety.assertAllowed(action);
    const audit = (p: Promise<void>) =>
      p.catch((e: unknown) => log.error('agent action audit write failed', e));
    try {
      const answer = await plan.execute(abort);
      await audit(safety.record(action, 'succeeded', answer));
      return answer;
    } catch (error) {
      const requestId = FlightHubError.is(error) ? error.requestId : undefined;
      await audit(safety.record(action, 'failed', describeError(error), requestId));
      throw error;
    }
  }
}

/** What a model reads for a failure: our input message, or the FlightHub code with our explanation. */
function errorText(error: unknown): string {
  if (ToolInputError.is(error)) return error.message;
  return `Failed: ${describeError(error)}`;
}

function signal(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}

/** Route paths are relative to the first workspace folder; without one, route tools refuse. */
function env(services: Services): ToolEnv | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder?.uri.scheme !== 'file') return undefined;
  const dist = vscode.Uri.joinPath(services.context.extensionUri, 'dist').fsPath;
  return {
    root: folder.uri.fsPath,
    loadUpload: () =>
      Promise.resolve(loadBundle<typeof import('../../routes/upload/upload')>(dist, 'upload.js')),
  };
}
