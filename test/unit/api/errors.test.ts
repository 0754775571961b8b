import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AmbiguousWriteError,
  BusinessError,
  CancelledError,
  FlightHubError,
  HtmlResponseError,
  HttpStatusError,
  InvalidJsonError,
  InvalidRequestError,
  NetworkError,
  SchemaMismatchError,
  TimeoutError,
} from '../../../src/api/errors';

const request = { method: 'GET', path: '/openapi/v0.1/system_status', requestId: 'r-1' };

// One instance of every class of the hierarchy, and the guard of that class.
const table = [
  { name: 'BusinessError', guard: BusinessError, make: () => new BusinessError(210429, 'slow down', 200) },
  { name: 'HttpStatusError', guard: HttpStatusError, make: () => new HttpStatusError(502, undefined) },
  { name: 'NetworkError', guard: NetworkError, make: () => new NetworkError('ECONNRESET', request) },
  { name: 'TimeoutError', guard: TimeoutError, make: () => new TimeoutError(30_000, request) },
  { name: 'CancelledError', guard: CancelledError, make: () => new CancelledError(request) },
  { name: 'HtmlResponseError', guard: HtmlResponseError, make: () => new HtmlResponseError(200) },
  { name: 'InvalidJsonError', guard: InvalidJsonError, make: () => new InvalidJsonError(true) },
  { name: 'SchemaMismatchError', guard: SchemaMismatchError, make: () => new SchemaMismatchError('x') },
  { name: 'InvalidRequestError', guard: InvalidRequestError, make: () => new InvalidRequestError('x') },
  { name: 'AmbiguousWriteError', guard: AmbiguousWriteError, make: () => new AmbiguousWriteError('x') },
] as const;

describe('error guards', () => {
  for (const row of table) {
    it(`${row.name}.is is true for its own class only`, () => {
      assert.equal(row.guard.is(row.make()), true, `${row.name}.is(its own instance)`);
      for (const other of table) {
        if (other === row) continue;
        assert.equal(row.guard.is(other.make()), false, `${row.name}.is(new ${other.name})`);
      }
    });
  }

  it('FlightHubError.is is true for every class of the hierarchy and nothing else', () => {
    for (const row of table) assert.equal(FlightHubError.is(row.make()), true, row.name);
    const lookalike = Object.assign(new Error('x'), { code: 'network', retryable: true });
    for (const value of [lookalike, new Error('x'), 'network', undefined, null, { code: 'timeout' }])
      assert.equal(FlightHubError.is(value), false, JSON.stringify(value));
    for (const row of table) assert.equal(row.guard.is(lookalike), false, `${row.name}.is(lookalike)`);
  });

  it('a guard narrows to its class', () => {
    const error: unknown = new BusinessError(210429, 'slow down', 429, request, 2_000);
    assert.ok(BusinessError.is(error));
    assert.equal(error.retryAfterMs, 2_000);
    assert.equal(error.requestId, 'r-1');
  });
});
