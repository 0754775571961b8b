// undici's index module pulls in fetch, WebSocket, EventSource and caches (≈ 535 KB bundled); the
// client only needs the Agent and `dispatcher.request`. Loading those two modules directly halves the
// extension bundle. undici 7 has no `exports` map, so the deep paths resolve; the version is pinned
// exactly in package.json because these paths are not a public API — re-check them when upgrading.
import type { Agent as AgentType } from 'undici';

type AgentClass = typeof AgentType;

/* eslint-disable @typescript-eslint/no-require-imports */
const Agent = require('undici/lib/dispatcher/agent.js') as AgentClass;
const Dispatcher = require('undici/lib/dispatcher/dispatcher.js') as { prototype: object };
const api = require('undici/lib/api/index.js') as object;
/* eslint-enable @typescript-eslint/no-require-imports */
// What undici's index does to give every dispatcher `request()`, `stream()`…
Object.assign(Dispatcher.prototype, api);

export function createAgent(options: ConstructorParameters<AgentClass>[0]): AgentType {
  return new Agent(options);
}
