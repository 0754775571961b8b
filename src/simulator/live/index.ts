// Entry of the live-stream bundle (dist/simulatorLive.js): the WHEP server and werift, loaded only
// when the first WHEP request arrives (see ./lazy.ts), so the simulator itself stays small.
export { createLiveServer, WHEP_PREFIX, type LiveDeps, type LiveServer } from './whep';
export type { EndReason } from './session';
