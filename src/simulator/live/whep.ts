// The simulator's WHEP endpoint (draft-ietf-wish-whep, which follows the HTTP rules of WHIP, RFC 9725),
// the playable form of `live-stream/start` with `url_type: "whep"`:
//   POST   /live/whep/<sn>_<camera_index>?token=…   SDP offer in, 201 + SDP answer + Location out
//   DELETE /live/whep/<room>/sessions/<id>          ends that session (the id is the capability)
//   PATCH  …/sessions/<id>                          405: no trickle ICE, candidates are in the SDP
//   OPTIONS on both                                 CORS preflight; webviews run on another origin
// The token may also come as `Authorization: Bearer <token>`, the way WHIP/WHEP clients send it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StreamAccess } from '../world/live';
import { loadClip, type Clip } from './ivf';
import { WhepSession, type EndReason } from './session';

export interface LiveDeps {
  /** Folder with live.ivf. */
  readonly assetsDir: string;
  /** Simulated time in ms (token expiry follows the simulator clock). */
  now(): number;
  /** Is `room` a live camera, and does `token` (from live-stream/start) open it right now? */
  authorize(room: string, token: string | undefined): StreamAccess;
  /** Concurrent sessions (default 16); more get 503. */
  readonly maxSessions?: number;
  /** Drop viewers that have not connected after this long (default 20 s). */
  readonly connectTimeoutMs?: number;
  /** Drop connected viewers silent (no RTCP) for this long (default 10 s). */
  readonly silenceTimeoutMs?: number;
}

export interface LiveServer {
  /** Handles a request under /live/whep/. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  /** Live sessions by id (tests look at them). */
  readonly sessions: ReadonlyMap<string, WhepSession>;
  /** Why each ended session ended, most recent last (bounded). */
  readonly ended: readonly { readonly id: string; readonly reason: EndReason }[];
  /** Ends every session and refuses new ones; settles when all sockets are closed. */
  close(): Promise<void>;
}

export const WHEP_PREFIX = '/live/whep/';
const MAX_OFFER = 64 * 1024;

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, DELETE, PATCH, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, If-Match',
  'Access-Control-Expose-Headers': 'Location, Accept-Post, Allow',
  'Access-Control-Max-Age': '600',
};

export function createLiveServer(deps: LiveDeps): LiveServer {
  const sessions = new Map<string, WhepSession>();
  const ended: { id: string; reason: EndReason }[] = [];
  const maxSessions = deps.maxSessions ?? 16;
  const pending = new Set<ReturnType<typeof WhepSession.open>>();
  let clip: Clip | undefined;
  let closed = false;

  const onEnd = (session: WhepSession, reason: EndReason) => {
    sessions.delete(session.id);
    ended.push({ id: session.id, reason });
    if (ended.length > 100) ended.shift();
  };

  async function offer(req: IncomingMessage, res: ServerResponse, room: string, url: URL) {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/sdp')
      return drain(req, () =>
        text(
          res,
          415,
          `WHEP offers must be sent as Content-Type: application/sdp (got "${type || 'none'}")`,
          {
            'Accept-Post': 'application/sdp',
          },
        ),
      );
    const access = deps.authorize(room, tokenOf(req, url));
    if (!access.ok)
      return drain(req, () =>
        text(
          res,
          access.status,
          access.message,
          access.status === 401 ? { 'WWW-Authenticate': 'Bearer realm="whep"' } : {},
        ),
      );
    const sdp = await readText(req, MAX_OFFER);
    if (sdp === undefined) return text(res, 413, `the SDP offer is larger than ${MAX_OFFER} bytes`);
    if (!sdp.startsWith('v=0'))
      return text(res, 400, 'the body is not an SDP offer (it must start with v=0)');
    if (closed) return text(res, 503, 'the simulator is shutting down');
    if (sessions.size >= maxSessions)
      return text(res, 503, `too many live viewers (at most ${maxSessions}); close one and retry`);
    clip ??= loadClip(deps.assetsDir);
    let opened: Awaited<ReturnType<typeof WhepSession.open>>;
    // close() waits for answers being built, so no socket outlives the simulator.
    const opening = WhepSession.open({
      offer: sdp,
      clip,
      expireAtMs: access.expireAtMs,
      now: () => deps.now(),
      onEnd,
      connectTimeoutMs: deps.connectTimeoutMs,
      silenceTimeoutMs: deps.silenceTimeoutMs,
    });
    pending.add(opening);
    try {
      opened = await opening;
    } catch (error) {
      pending.delete(opening);
      const why = error instanceof Error ? error.message : String(error);
      return text(res, 400, `the SDP offer could not be answered: ${why}`);
    }
    pending.delete(opening);
    const { session, answer } = opened;
    if (closed) {
      await session.end('shutdown');
      return text(res, 503, 'the simulator is shutting down');
    }
    sessions.set(session.id, session);
    const location = `${WHEP_PREFIX}${encodeURIComponent(room)}/sessions/${session.id}`;
    res.writeHead(201, { ...CORS, 'Content-Type': 'application/sdp', Location: location });
    res.end(answer);
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const parts = url.pathname.slice(WHEP_PREFIX.length).split('/');
    const room = safeDecode(parts[0] ?? '');
    const isEndpoint = parts.length === 1 && room;
    const isSession = parts.length === 3 && room && parts[1] === 'sessions' && parts[2];
    if (!isEndpoint && !isSession)
      return drain(req, () => text(res, 404, `no WHEP resource at ${url.pathname}`));
    const allow = isEndpoint ? 'POST, OPTIONS' : 'DELETE, PATCH, OPTIONS';
    if (method === 'OPTIONS')
      return drain(req, () => {
        const extra = isEndpoint ? { 'Accept-Post': 'application/sdp' } : {};
        res.writeHead(204, { ...CORS, Allow: allow, ...extra });
        res.end();
      });
    if (isEndpoint && method === 'POST') return offer(req, res, room, url);
    if (isSession && (method === 'DELETE' || method === 'PATCH')) {
      const session = sessions.get(parts[2]!);
      if (!session)
        return drain(req, () => text(res, 404, 'no such WHEP session (it ended or never existed)'));
      if (method === 'PATCH')
        return drain(req, () =>
          text(res, 405, 'trickle ICE is not supported: all candidates are in the SDP answer', {
            Allow: allow,
          }),
        );
      req.resume();
      await session.end('deleted');
      res.writeHead(200, CORS);
      res.end();
      return;
    }
    return drain(req, () => text(res, 405, `${method} is not allowed here`, { Allow: allow }));
  }

  return {
    handle,
    sessions,
    ended,
    async close() {
      closed = true;
      const late = await Promise.allSettled([...pending]);
      const all = [...sessions.values()];
      for (const r of late) if (r.status === 'fulfilled') all.push(r.value.session);
      // end() is idempotent and returns the same promise, so sessions ended elsewhere are awaited too.
      await Promise.all(all.map((s) => s.end('shutdown')));
    },
  };
}

function tokenOf(req: IncomingMessage, url: URL): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  return bearer ?? (url.searchParams.get('token') || undefined);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return '';
  }
}

function text(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { ...CORS, ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(message);
}

function drain(req: IncomingMessage, then: () => void): void {
  req.resume();
  then();
}

async function readText(req: IncomingMessage, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
