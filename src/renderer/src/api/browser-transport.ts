import { buildApi, eventNames, type Api, type EventName, type Transport } from '../../../shared/contract';

/**
 * Browser mode has no preload: the page talks to the same router over the loopback bridge.
 * It lives with the renderer because lint keeps the renderer from importing src/preload.
 *
 * The launch link's token arrives in the address's fragment (browsers never send it to a
 * server) and is kept in sessionStorage, which belongs to this tab and this exact origin, port
 * included. It goes out only as a header on our own API calls, never in a cookie: a cookie on
 * 127.0.0.1 would be sent to every other local server the browser visits.
 */
const TOKEN_KEY = 'sms-desk.token';
const SESSION_KEY = 'sms-desk.session';
/** Must match SOCKET_PROTOCOL and SOCKET_TOKEN_PREFIX in src/main/web/guards.ts. */
const SOCKET_PROTOCOL = 'sms-desk';
const SOCKET_TOKEN_PREFIX = 'sms-desk.token.';

const NOT_SIGNED_IN = 'This page is not signed in to SMS Desk. Open the address printed by `npm run web`.';

/** Takes the token out of the address bar (and so out of history and screenshots) into this tab's storage. */
export function takeLaunchToken(): string | null {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const fresh = fragment.get('token');
  if (fresh) {
    sessionStorage.setItem(TOKEN_KEY, fresh);
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** True once this page talks to main over the loopback bridge (browser mode), not through Electron's preload. */
export let browserMode = false;

export async function createBrowserApi(): Promise<Api> {
  browserMode = true;
  const token = takeLaunchToken();
  if (!token) throw new Error(NOT_SIGNED_IN);
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const emit = (event: EventName, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload));

  /** Keeps this tab's session across a reload (F5): the server hands it back while it is live. */
  const openSession = async (previous: string | null): Promise<string> => {
    const response = await fetch('/api/session', {
      method: 'POST',
      headers: { 'x-sms-desk-token': token, ...(previous ? { 'x-sms-desk-session': previous } : {}) },
    });
    if (!response.ok) throw new Error(NOT_SIGNED_IN);
    const { sessionId } = (await response.json()) as { sessionId: string };
    sessionStorage.setItem(SESSION_KEY, sessionId);
    return sessionId;
  };
  let sessionId = await openSession(sessionStorage.getItem(SESSION_KEY));

  /**
   * The session ended on the server (long idle, or many other pages): take a fresh one and tell
   * the screens, which then show the sign-in.
   */
  let renewing: Promise<void> | null = null;
  const renewSession = (): Promise<void> =>
    (renewing ??= (async () => {
      const previous = sessionId;
      sessionId = await openSession(sessionId);
      if (sessionId !== previous) {
        const state = (await call('session.current', undefined, true)) as { ok: boolean; value?: unknown };
        if (state.ok) emit('session.changed', state.value);
      }
    })().finally(() => {
      renewing = null;
    }));

  const connect = (attempt = 0): void => {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/api/events?session=${encodeURIComponent(sessionId)}`, [
      SOCKET_PROTOCOL,
      `${SOCKET_TOKEN_PREFIX}${token}`,
    ]);
    let opened = false;
    socket.onopen = () => {
      opened = true;
      attempt = 0;
    };
    socket.onmessage = (message) => {
      try {
        const { event, payload } = JSON.parse(String(message.data)) as { event: EventName; payload: unknown };
        if (eventNames.includes(event)) emit(event, payload);
      } catch {
        // A malformed event is ignored; the next query refresh shows the truth anyway.
      }
    };
    socket.onclose = () => {
      const retry = () => setTimeout(() => connect(attempt + 1), Math.min(10_000, 500 * 2 ** attempt));
      // Refused outright: the session may have ended while the page slept.
      if (!opened) renewSession().then(retry, retry);
      else retry();
    };
  };

  /** One call; a session the server no longer knows is renewed once, then the call is retried. */
  const call = async (channel: string, input: unknown, renewed = false): Promise<unknown> => {
    const reply = await fetch('/api/call', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-sms-desk-token': token, 'x-sms-desk-session': sessionId },
      body: JSON.stringify({ channel, input }),
    });
    if (reply.status === 403 && !renewed) {
      await renewSession().catch(() => undefined);
      return call(channel, input, true);
    }
    if (!reply.ok) {
      return { ok: false, error: { code: reply.status === 413 ? 'INVALID_INPUT' : 'FORBIDDEN_SENDER', message: 'SMS Desk refused this request.' } };
    }
    return reply.json();
  };
  connect();

  const transport: Transport = {
    invoke: (channel, input) => call(channel, input),
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
  return buildApi(transport) satisfies Api;
}
