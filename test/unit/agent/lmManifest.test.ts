// package.json declares the Language Model Tools VS Code shows before the extension runs: they must be
// exactly the agent tools (names, descriptions, input schemas), each with an English and a Chinese name.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { lmToolContributions } from '../../../src/agent/manifest';
import { AGENT_TOOLS } from '../../../src/agent/tools';

const root = join(__dirname, '..', '..', '..', '..');
const json = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, unknown>;
const pkg = json('package.json') as { contributes: Record<string, unknown> };

void it('declares every agent tool as generated (npm run compile-tests && node out/scripts/syncLmTools.js)', () => {
  assert.deepEqual(pkg.contributes.languageModelTools, JSON.parse(JSON.stringify(lmToolContributions())));
});

void it('names every tool in English and Chinese, with a user description', () => {
  const en = json('package.nls.json');
  const zh = json('package.nls.zh-cn.json');
  for (const tool of AGENT_TOOLS)
    for (const key of [`lmTool.${tool.name}`, `lmTool.${tool.name}.description`]) {
      assert.equal(typeof en[key], 'string', `${key} in package.nls.json`);
      assert.equal(typeof zh[key], 'string', `${key} in package.nls.zh-cn.json`);
    }
});

void it('gives actions a confirmation story and reads none', () => {
  for (const c of lmToolContributions()) {
    const action = AGENT_TOOLS.find((t) => `flighthub_${t.name}` === c.name)?.kind === 'action';
    assert.equal(/confirms the plan/.test(c.modelDescription), action, c.name);
    assert.equal(c.tags.includes('flighthub-action'), action, c.name);
  }
});

void it('registers the MCP server definition provider under a flighthub. id', () => {
  assert.deepEqual(pkg.contributes.mcpServerDefinitionProviders, [
    { id: 'flighthub.mcp', label: '%mcp.provider%' },
  ]);
});
