// Trigger Workflow in a real VS Code on the simulator: the body reaches FlightHub 2 as given, and a body
// that is not a JSON object is refused before anything is sent.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../../../src/extension';
import type { Simulator } from '../../../../src/simulator/simulator';
import { connectSimulator, extensionApi } from '../../api';

describe('trigger workflow', () => {
  let api: TestApi;
  let sim: Simulator;

  before(async () => {
    api = await extensionApi();
    sim = await connectSimulator(api);
  });

  it('sends the JSON body to the active project, and refuses what is not an object', async () => {
    const before = sim.world.inspect().workflows.length;
    const body = { workflow_uuid: 'wf-1', params: { creator: 'IT' } };
    const sent = await vscode.commands.executeCommand('flighthub.triggerWorkflow', { body, confirm: true });
    assert.equal(sent, true, String(api.lastCommandError()));
    const received = sim.world.inspect().workflows.slice(before);
    assert.equal(received.length, 1);
    assert.deepEqual(received[0]?.body, body);
    assert.equal(received[0]?.projectUuid, api.services.session.project?.uuid);

    const failures = api.commandFailures.length;
    const refused = await vscode.commands.executeCommand('flighthub.triggerWorkflow', {
      body: ['not', 'an', 'object'],
      confirm: true,
    });
    assert.equal(refused, undefined);
    assert.equal(sim.world.inspect().workflows.length, before + 1, 'nothing more was sent');
    const failure = api.commandFailures
      .slice(failures)
      .find((f) => f.command === 'flighthub.triggerWorkflow');
    assert.match(String(failure?.error), /JSON object/);
  });
});
