// The API reference's examples (test/fixtures/endpoints.json, summarised in docs/api.md) must
// parse with our schemas, and the endpoint table must match the reference's paths and methods.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CONTRACTS } from '../../../src/api/contract';
import { ENDPOINTS, ENDPOINT_IDS, type EndpointId } from '../../../src/api/endpoints';
import { envelope } from '../../../src/api/schemas/common';

interface RefEndpoint {
  id: string;
  method: string;
  path: string | null;
  body?: { example?: unknown };
  response?: { example?: unknown };
}

const reference = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'endpoints.json'), 'utf8'),
) as RefEndpoint[];

describe('endpoint table vs the API reference', () => {
  it('has every reference endpoint with a known path, same method and path, and nothing else', () => {
    const known = reference.filter((e) => e.path !== null);
    assert.equal(known.length, 44);
    assert.deepEqual(new Set(ENDPOINT_IDS), new Set(known.map((e) => e.id)));
    for (const e of known) {
      const ours = ENDPOINTS[e.id as EndpointId];
      assert.equal(ours.method, e.method, e.id);
      assert.equal(ours.path, e.path, e.id);
    }
  });

  it('does not invent a V1 path for the resumable immediate task', () => {
    assert.ok(!('task.resume.immediate' in ENDPOINTS));
  });
});

describe('reference examples parse with our schemas', () => {
  const withResponse = reference.filter((e) => e.path !== null && e.response?.example);
  for (const e of withResponse) {
    it(`${e.id} response example`, () => {
      const env = envelope.parse(e.response?.example);
      const parsed = CONTRACTS[e.id as EndpointId].data.safeParse(env.data ?? null);
      assert.ok(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues));
    });
  }
  const withBody = reference.filter((e) => e.path !== null && e.body?.example !== undefined);
  for (const e of withBody) {
    it(`${e.id} request example`, () => {
      const contract = CONTRACTS[e.id as EndpointId];
      assert.ok('body' in contract, `${e.id} has a body example but no body schema`);
      const parsed = contract.body.safeParse(e.body?.example);
      assert.ok(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues));
    });
  }
  it('covers a meaningful number of examples', () => {
    assert.ok(withResponse.length >= 15, `only ${withResponse.length} response examples`);
    assert.ok(withBody.length >= 10, `only ${withBody.length} body examples`);
  });
});
