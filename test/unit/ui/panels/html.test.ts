// The one HTML builder: the policy every panel gets, and that nothing a caller passes can widen it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  cleanOrigins,
  contentSecurityPolicy,
  newNonce,
  originOf,
  renderPage,
} from '../../../../src/ui/panels/html';

const base = { cspSource: 'https://abc.vscode-cdn.net', nonce: 'n0nce' };

describe('webview HTML builder', () => {
  it('allows nothing by default and scripts only by nonce', () => {
    const csp = contentSecurityPolicy(base);
    assert.match(csp, /^default-src 'none'/);
    assert.match(csp, /script-src 'nonce-n0nce'(;|$)/);
    assert.match(csp, /connect-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-eval|unsafe-inline|\*/);
  });

  it('adds only the origins of the URLs a panel names', () => {
    const csp = contentSecurityPolicy({
      ...base,
      origins: {
        img: ['http://127.0.0.1:9000/bucket/a.jpg?X-Amz-Signature=1', 'http://127.0.0.1:9000/b.jpg'],
        media: ['javascript:alert(1)', 'not a url'],
        connect: ['https://live.example.com:8443/whep/x?token=t'],
      },
    });
    assert.match(csp, /img-src https:\/\/abc\.vscode-cdn\.net data: blob: http:\/\/127\.0\.0\.1:9000;/);
    assert.match(csp, /media-src https:\/\/abc\.vscode-cdn\.net blob:;/);
    assert.match(csp, /connect-src https:\/\/live\.example\.com:8443;/);
    assert.doesNotMatch(csp, /token|Signature|javascript/);
  });

  it('keeps only http(s)/ws(s) origins', () => {
    assert.equal(originOf('wss://h:1/p'), 'wss://h:1');
    assert.equal(originOf('file:///etc/passwd'), undefined);
    assert.deepEqual(cleanOrigins(['data:text/html,x', 'https://a.b/c', 'https://a.b/d']), ['https://a.b']);
  });

  it('renders one nonce script, escaped attributes and the codicon stylesheet id', () => {
    const html = renderPage({
      ...base,
      title: 'Media <of> "task"',
      scriptUri: 'https://abc.vscode-cdn.net/dist/webviews/gallery.js',
      styleUris: ['https://abc.vscode-cdn.net/codicon.css', 'https://abc.vscode-cdn.net/gallery.css'],
    });
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.match(
      html,
      /<script nonce="n0nce" src="https:\/\/abc\.vscode-cdn\.net\/dist\/webviews\/gallery\.js">/,
    );
    assert.match(html, /<title>Media &lt;of&gt; &quot;task&quot;<\/title>/);
    assert.match(html, /codicon\.css" id="vscode-codicon-stylesheet"/);
  });

  it('makes a fresh, unguessable nonce each time', () => {
    const a = newNonce();
    assert.notEqual(a, newNonce());
    assert.ok(a.length >= 24 && /^[A-Za-z0-9_-]+$/.test(a));
  });
});
