import { buildApi, eventNames, type Api, type EventName, type Transport } from '../../../shared/contract';

/**
 * Browser mode has no preload: the page talks to the same router over the loopback bridge.
 * It lives with the renderer because lint keeps the renderer from importing src/preload.
 */
export async function createBrowserApi(): Promise<Api> {
  const response = await fetch('/api/session', { method: 'POST', credentials: 'same-origin' });
  if (!response.ok) throw new Error('This page is not signed in to SMS Desk. Open the address printed by `npm run web`.');
  const { sessionId } = (await response.json()) as { sessionId: string };
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  const connect = (attempt = 0): void => {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/api/events?session=${encodeURIComponent(sessionId)}`);
    socket.onopen = () => {
      attempt = 0;
    };
    socket.onmessage = (message) => {
      try {
        const { event, payload } = JSON.parse(String(message.data)) as { event: EventName; payload: unknown };
        if (eventNames.includes(event)) listeners.get(event)?.forEach((listener) => listener(payload));
      } catch {
        // A malformed event is ignored; the next query refresh shows the truth anyway.
      }
    };
    socket.onclose = () => setTimeout(() => connect(attempt + 1), Math.min(10_000, 500 * 2 ** attempt));
  };
  connect();

  const transport: Transport = {
    async invoke(channel, input) {
      const reply = await fetch('/api/call', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'x-sms-desk-session': sessionId },
        body: JSON.stringify({ channel, input }),
      });
      if (!reply.ok) {
        return { ok: false, error: { code: reply.status === 413 ? 'INVALID_INPUT' : 'FORBIDDEN_SENDER', message: 'SMS Desk refused this request.' } };
      }
      return reply.json();
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
  return buildApi(transport) satisfies Api;
}
