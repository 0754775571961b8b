import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commandUri, renderDetailsPage, type DetailsModel } from '../../../src/ui/details/detailsPage';

const options = {
  cspSource: 'https://webview.example',
  nonce: 'n0nce',
  actionsLabel: 'Actions',
};

const model: DetailsModel = {
  title: 'Patrol <script>alert(1)</script>',
  badge: 'executing',
  sections: [
    { title: 'Task', rows: [{ label: 'Status', value: 'executing & "busy"' }] },
    { title: 'Empty', rows: [] },
  ],
  actions: [{ label: 'Pause', command: 'flighthub.pauseTask', args: [{ uuid: 'u-1', name: 'a"b' }] }],
};

describe('readable details page', () => {
  it('escapes every text it shows and drops empty sections', () => {
    const html = renderDetailsPage(model, options);
    assert.ok(!html.includes('<script>alert'), 'the title is escaped');
    assert.ok(html.includes('Patrol &lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(html.includes('executing &amp; &quot;busy&quot;'));
    assert.ok(!html.includes('<h2>Empty</h2>'));
  });

  it('runs no script and links actions as command URIs carrying JSON arguments', () => {
    const html = renderDetailsPage(model, options);
    assert.ok(!/<script/i.test(html), 'no script element');
    assert.match(html, /default-src &#39;none&#39;/);
    const href = /<a class="action" href="([^"]+)"/.exec(html)?.[1];
    assert.equal(href, commandUri(model.actions[0]!).replace(/&/g, '&amp;'));
    const uri = commandUri(model.actions[0]!);
    assert.ok(uri.startsWith('command:flighthub.pauseTask?'));
    assert.deepEqual(JSON.parse(decodeURIComponent(uri.slice(uri.indexOf('?') + 1))), [
      { uuid: 'u-1', name: 'a"b' },
    ]);
  });
});
