// What `vscode` is inside the MCP bundle (esbuild.mjs aliases it here): core/errorText.ts only needs
// `l10n.t`, and outside VS Code the English source text with its {0}… placeholders filled is the answer.
export const l10n = {
  t(message: string, ...args: Array<string | number | boolean>): string {
    return message.replace(/\{(\d+)\}/g, (whole, index: string) => {
      const value = args[Number(index)];
      return value === undefined ? whole : String(value);
    });
  },
};
