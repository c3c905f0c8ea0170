import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import WebSocket from 'ws';
export { until } from '../../support/wait';

/** Plain HTTP and WebSocket clients for browser mode, able to send what a browser never would. */

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function send(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolveReply, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolveReply({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The scripting surface: token header, `POST /api/session`, `POST /api/call`. */
export function scriptClient(port: number, token: string) {
  const host = `127.0.0.1:${port}`;
  const headers = (extra: Record<string, string> = {}) => ({ host, 'x-sms-desk-token': token, ...extra });
  return {
    host,
    headers,
    async newSession(previous?: string): Promise<string> {
      const reply = await send(port, '/api/session', { method: 'POST', headers: headers(previous ? { 'x-sms-desk-session': previous } : {}) });
      if (reply.status !== 200) throw new Error(`POST /api/session answered ${reply.status}`);
      return (JSON.parse(reply.body) as { sessionId: string }).sessionId;
    },
    call(sessionId: string, channel: string, input?: unknown): Promise<Reply> {
      return send(port, '/api/call', {
        method: 'POST',
        headers: headers({ 'content-type': 'application/json', 'x-sms-desk-session': sessionId }),
        body: JSON.stringify({ channel, input }),
      });
    },
  };
}

/** Opens the event socket the way the page does: the token rides in a subprotocol. */
export function openEvents(port: number, sessionId: string, token: string, origin = `http://127.0.0.1:${port}`): Promise<WebSocket> {
  return new Promise((resolveSocket, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/events?session=${encodeURIComponent(sessionId)}`, ['sms-desk', `sms-desk.token.${token}`], { origin });
    ws.once('open', () => resolveSocket(ws));
    ws.once('error', reject);
  });
}

export const nextMessage = (ws: WebSocket): Promise<{ event: string; payload: unknown }> =>
  new Promise((resolveMessage) => ws.once('message', (data: Buffer) => resolveMessage(JSON.parse(data.toString()) as { event: string; payload: unknown })));

/** A raw TCP connection upgraded by hand, so the test can write frames no WebSocket library would. */
export async function rawEventSocket(port: number, sessionId: string, token: string): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolveConnect, reject) => {
    socket.once('connect', resolveConnect);
    socket.once('error', reject);
  });
  socket.write(
    [
      `GET /api/events?session=${encodeURIComponent(sessionId)} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      `x-sms-desk-token: ${token}`,
      '',
      '',
    ].join('\r\n'),
  );
  const head = await new Promise<string>((resolveHead, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('latin1');
      if (!seen.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      resolveHead(seen);
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
  if (!head.startsWith('HTTP/1.1 101')) throw new Error(`upgrade refused: ${head.split('\r\n')[0]}`);
  return socket;
}

/** A client frame (clients must mask) with the given first byte, declared length and payload. */
function clientFrame(firstByte: number, payload: Buffer, declaredLength = payload.length): Buffer {
  const mask = randomBytes(4);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
  const length =
    declaredLength < 126
      ? Buffer.from([0x80 | declaredLength])
      : Buffer.from([0x80 | 126, (declaredLength >> 8) & 0xff, declaredLength & 0xff]);
  return Buffer.concat([Buffer.from([firstByte]), length, mask, masked]);
}

/** Frames a browser would never send; each must cost the sender its socket and nothing more. */
export const malformedFrames: ReadonlyArray<{ name: string; frame: Buffer; closeCode: number }> = [
  { name: 'bigger than the server accepts', frame: clientFrame(0x82, Buffer.alloc(0), 60_000), closeCode: 1009 },
  { name: 'text that is not UTF-8', frame: clientFrame(0x81, Buffer.from([0xc3, 0x28, 0xff])), closeCode: 1007 },
  { name: 'reserved bits set', frame: clientFrame(0xc1, Buffer.from('hi')), closeCode: 1002 },
  { name: 'an unknown opcode', frame: clientFrame(0x83, Buffer.from('hi')), closeCode: 1002 },
];

/** Resolves with the close code of the close frame the server sends back. */
export function closeCodeFrom(socket: Socket): Promise<number> {
  return new Promise((resolveCode, reject) => {
    let seen = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      seen = Buffer.concat([seen, chunk]);
      const at = seen.indexOf(0x88);
      if (at < 0 || seen.length < at + 4) return;
      socket.off('data', onData);
      resolveCode(seen.readUInt16BE(at + 2));
    };
    socket.on('data', onData);
    socket.once('close', () => reject(new Error('closed without a close frame')));
  });
}

