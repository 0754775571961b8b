// Writes the agent tools into package.json `contributes.languageModelTools` (src/agent/manifest.ts) and
// their English display names into package.nls.json. Run: npm run compile-tests && node out/scripts/syncLmTools.js
// The Chinese names in package.nls.zh-cn.json are written by hand; test/unit/l10n.test.ts finds missing ones.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lmToolContributions } from '../src/agent/manifest';
import { AGENT_TOOLS } from '../src/agent/tools';

const root = join(__dirname, '..', '..');
const update = (file: string, change: (json: Record<string, unknown>) => void) => {
  const path = join(root, file);
  const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  change(json);
  writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);
};

update('package.json', (pkg) => {
  (pkg.contributes as Record<string, unknown>).languageModelTools = lmToolContributions();
});
update('package.nls.json', (nls) => {
  for (const tool of AGENT_TOOLS) {
    nls[`lmTool.${tool.name}`] = tool.title;
    nls[`lmTool.${tool.name}.description`] = tool.description;
  }
});
