// Livestream page: plays the WHEP endpoint the host gives it, shows connection state, resolution,
// frame rate and bitrate (getStats every second), swaps in a fresh stream when the host renews the
// credentials, and explains streams it cannot play (vendor SDKs) with a way to the FlightHub 2 web app.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '../browser/base.css';
import './live.css';
import { connect, h } from '../browser/host';
import {
  QUALITIES,
  toWebview,
  type FromWebview,
  type LiveLabels,
  type LiveState,
  type ToWebview,
} from './protocol';
import { WhepPlayer } from './whep';

type Setup = Extract<ToWebview, { type: 'setup' }>;
type State = 'connecting' | 'playing' | 'failed' | 'stopped';

const app = document.getElementById('app') as HTMLElement;
const video = h('video', { autoplay: '', muted: '', playsinline: '' });
video.muted = true; // autoplay without a gesture needs a muted start; the person can unmute
video.controls = true;
const stateText = h('span', { class: 'state', 'data-testid': 'state' });
const resolution = h('span', { 'data-testid': 'resolution' });
const frameRate = h('span', { 'data-testid': 'fps' });
const bitrate = h('span', { 'data-testid': 'bitrate' });
const expires = h('span', { class: 'muted', 'data-testid': 'expires' });

let setup: Setup | undefined;
let player: WhepPlayer | undefined;
let state: State = 'connecting';
let detail = '';
let expiresAt = 0;
let latest = -1;

const channel = connect<ToWebview, FromWebview, LiveState>(toWebview, (m) => {
  switch (m.type) {
    case 'setup':
      setup = m;
      channel.saveState({ target: m.target, canSwitchLens: m.canSwitchLens, binding: m.binding });
      renderPlayer();
      return;
    case 'starting':
      setState('connecting');
      return;
    case 'whep':
      expiresAt = m.expiresAt;
      void play(m.url, m.generation);
      return;
    case 'unsupported':
      void stopPlayer();
      renderUnsupported(m.message, m.canOpenWeb);
      return;
    case 'failed':
      setState('failed', m.message);
      return;
  }
});

function labels(): LiveLabels | undefined {
  return setup?.labels;
}

function button(
  label: string,
  onClick: () => void,
  testId: string,
  icon: string,
  primary = false,
): HTMLElement {
  const attrs: Record<string, string> = { 'data-testid': testId, icon };
  if (!primary) attrs.secondary = '';
  const b = h('vscode-button', attrs, label);
  b.addEventListener('click', onClick);
  return b;
}

function renderPlayer(): void {
  const l = labels();
  if (!l || !setup) return;
  const select = h('vscode-single-select', { 'aria-label': l.quality, 'data-testid': 'quality' });
  select.append(...QUALITIES.map((q) => h('vscode-option', { value: q }, l[q])));
  select.value = setup.target.quality;
  select.addEventListener('change', () => {
    const quality = QUALITIES.find((q) => q === select.value);
    if (quality) channel.post({ type: 'setQuality', quality });
  });
  const tools = [
    stateText,
    h('span', { class: 'stats' }, resolution, frameRate, bitrate),
    h('span', { class: 'spacer' }),
    expires,
    select,
    ...(setup.canSwitchLens
      ? [button(l.lens, () => channel.post({ type: 'switchLens' }), 'lens', 'device-camera')]
      : []),
    button(l.restart, () => channel.post({ type: 'restart' }), 'restart', 'debug-restart'),
    button(l.stop, () => void stopPlayer().then(() => setState('stopped')), 'stop', 'debug-stop'),
  ];
  app.replaceChildren(
    h('div', { class: 'toolbar' }, ...tools),
    h('div', { class: 'stage' }, video),
    h('div', { class: 'note muted' }, l.desktopNote),
  );
  setState(state, detail);
}

function renderUnsupported(message: string, canOpenWeb: boolean): void {
  const l = labels();
  const box = h('div', { class: 'unsupported', 'data-testid': 'unsupported' }, h('p', {}, message));
  if (l && canOpenWeb)
    box.append(button(l.openWeb, () => channel.post({ type: 'openWeb' }), 'open-web', 'link-external', true));
  app.replaceChildren(box);
}

function setState(next: State, why = ''): void {
  state = next;
  detail = why;
  const l = labels();
  if (!l) return;
  stateText.textContent = `${l.state}: ${l[next]}${why ? ` — ${why}` : ''}`;
  stateText.className = `state state-${next}`;
  if (next !== 'playing') for (const el of [resolution, frameRate, bitrate]) el.textContent = '';
}

/** Connects to `url`; the running stream keeps playing until the new one has its first frame. */
async function play(url: string, generation: number): Promise<void> {
  latest = Math.max(latest, generation);
  if (!player || state !== 'playing') setState('connecting');
  if (!video.isConnected) renderPlayer();
  try {
    const opened = await WhepPlayer.open(url);
    channel.post({ type: 'session', generation, location: opened.location });
    if (generation !== latest) return void (await opened.player.stop());
    const old = player;
    player = opened.player;
    opened.player.pc.addEventListener('connectionstatechange', () => {
      if (player !== opened.player) return;
      const s = opened.player.pc.connectionState;
      if (s === 'failed' || s === 'closed') setState('failed', s);
    });
    await whenFrames(opened.player.stream);
    await opened.player.connected().catch(async (error: unknown) => {
      if (player === opened.player) await stopPlayer();
      throw error;
    });
    if (player !== opened.player) return;
    video.srcObject = opened.player.stream;
    await old?.stop();
    setState('playing');
  } catch (error) {
    if (generation === latest) setState('failed', error instanceof Error ? error.message : String(error));
  }
}

/** Resolves once the stream has a video track (then the <video> shows frames as they decode). */
function whenFrames(stream: MediaStream): Promise<void> {
  if (stream.getVideoTracks().length) return Promise.resolve();
  return new Promise((resolve) => stream.addEventListener('addtrack', () => resolve(), { once: true }));
}

async function stopPlayer(): Promise<void> {
  const old = player;
  player = undefined;
  video.srcObject = null;
  if (!old) return;
  await old.stop();
  channel.post({ type: 'session', generation: latest, location: null });
}

setInterval(() => {
  const l = labels();
  if (l && expiresAt) {
    const left = Math.max(0, Math.round((expiresAt - Date.now()) / 60_000));
    expires.textContent = `${l.expires} ${left} min`;
  }
  if (!player || !l) return;
  void player.sample().then((s) => {
    if (!s || state !== 'playing') return;
    resolution.textContent = s.width ? `${l.resolution} ${s.width}×${s.height}` : '';
    frameRate.textContent = `${l.frameRate} ${Math.round(s.fps)}`;
    bitrate.textContent = `${l.bitrate} ${Math.round(s.kbps)} kbit/s`;
  });
}, 1000);

// Best effort: the host also ends the session it was told about when the panel closes.
window.addEventListener('pagehide', () => void player?.stop());
