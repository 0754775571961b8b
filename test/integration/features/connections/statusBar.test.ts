import * as assert from 'node:assert/strict';
import { StatusBar } from '../../../../src/features/connections/statusBar';
import { connectSimulator, eventually, extensionApi } from '../../api';

describe('status bar health', () => {
  it('polls FlightHub 2 at once when a saved connection is active at start-up', async () => {
    const api = await extensionApi();
    await connectSimulator(api);
    assert.ok(api.services.session.connection, 'a connection is active');
    // What activation does with a connection saved by an earlier window: build the status bar while
    // the session already has its connection (no session change follows).
    const bar = new StatusBar(api.services);
    try {
      const health = await eventually(() => bar.health !== undefined && { value: bar.health }).catch(() =>
        assert.fail('the status bar never polled FlightHub 2 (health stayed unknown)'),
      );
      assert.equal(health.value, true);
    } finally {
      bar.dispose();
    }
  });
});
