import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { mcpServerDefinitionApi } from '../../../src/core/compat';

const lm = { registerMcpServerDefinitionProvider: () => ({ dispose: () => undefined }) };

test('the MCP provider API is found where registerMcpServerDefinitionProvider is a function', () => {
  assert.equal(mcpServerDefinitionApi(lm, '1.101.0'), lm);
  assert.equal(mcpServerDefinitionApi(lm, '1.139.1'), lm);
  assert.equal(mcpServerDefinitionApi(lm, '2.0.0'), lm);
  for (const older of [undefined, null, {}, { registerMcpServerDefinitionProvider: true }, 'lm'])
    assert.equal(mcpServerDefinitionApi(older, '1.139.1'), undefined, JSON.stringify(older));
});

test('before VS Code 1.101 the function is a proposed API, so it does not count', () => {
  assert.equal(mcpServerDefinitionApi(lm, '1.100.3'), undefined);
  assert.equal(mcpServerDefinitionApi(lm, '0.200.0'), undefined);
  assert.equal(mcpServerDefinitionApi(lm, 'not a version'), undefined);
});
