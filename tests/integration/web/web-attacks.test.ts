import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validBrand } from '../carrier/sim-harness';
import { closeCodeFrom, malformedFrames, nextMessage, openEvents, rawEventSocket, scriptClient, send, until } from './web-client';

/**
 * Browser mode as it ships (`node out/main/web.js`, built by electron-vite), attacked from outside
 * over HTTP and WebSocket the way another program on the same computer, or a web page it opens,
 * could. Each attack must fail, and the app must go on serving its own page.
 */

const ADMIN = { name: 'Dana Owner', secret: '482913' };
const FAMILY = '+15125550188';

let child: ChildProcess;
let exited: Promise<number | null>;
let port: number;
let token: string;
let client: ReturnType<typeof scriptClient>;
let admin: string;

/** Parses a call's Result, failing the test with the refusal when it is not ok. */
async function ok<T>(sessionId: string, channel: string, input?: unknown): Promise<T> {
  const reply = await client.call(sessionId, channel, input);
  const result = JSON.parse(reply.body) as { ok: boolean; value?: T; error?: unknown };
  if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error ?? reply.body)}`);
  return result.value as T;
}

/** Listening TCP ports of a process, read as any program of the same user could. */
/** The port whose server answers Twilio's API as Twilio does without credentials (401, code 20003). */
async function carrierSimulatorPort(ports: readonly number[]): Promise<number | undefined> {
  for (const candidate of ports) {
    const response = await fetch(`http://127.0.0.1:${candidate}/2010-04-01/Accounts.json`).catch(() => null);
    const body = (await response?.json().catch(() => null)) as { code?: number } | null | undefined;
    if (response?.status === 401 && body?.code === 20003) return candidate;
  }
  return undefined;
}

function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
      if (inode) inodes.add(inode);
    } catch {
      // The descriptor closed while we looked.
    }
  }
  return readFileSync(`/proc/${pid}/net/tcp`, 'utf8')
    .split('\n')
    .slice(1)
    .map((row) => row.trim().split(/\s+/))
    .filter((fields) => fields[3] === '0A' && inodes.has(fields[9] ?? ''))
    .map((fields) => parseInt(fields[1]!.split(':')[1]!, 16));
}

beforeAll(async () => {
  const cli = resolve('out/main/web.js');
  if (!existsSync(cli)) throw new Error('out/main/web.js is missing: run `npx electron-vite build` first');
  child = spawn(process.execPath, [cli, '--data-dir', mkdtempSync(join(tmpdir(), 'web-attacks-')), '--port', '0'], {
    env: { ...process.env, SMS_DESK_SANDBOX_BRAND_REVIEW_MS: '200' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  exited = new Promise((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  const line = await new Promise<string>((resolveLine, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolveLine);
    child.once('exit', (code) => reject(new Error(`browser mode exited with ${code}`)));
  });
  const url = new URL(/(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(line)![1]!);
  port = Number(url.port);
  token = url.searchParams.get('token')!;
  client = scriptClient(port, token);
  admin = await client.newSession();
  await ok(admin, 'session.createFirstAdmin', ADMIN);
});

afterAll(async () => {
  child.kill('SIGTERM');
  await exited;
});

const running = () => child.exitCode === null && child.signalCode === null;

describe('browser mode under attack (node out/main/web.js)', () => {
  it('hands the launch token over only after the Host check, and never in a cookie', async () => {
    const rebound = await send(port, `/?token=${token}`, { headers: { host: `attacker.example:${port}` } });
    expect(rebound.status).toBe(421);
    expect(rebound.headers['set-cookie']).toBeUndefined();
    expect(rebound.headers.location).toBeUndefined();

    const launch = await send(port, `/?token=${token}`, { headers: { host: `127.0.0.1:${port}` } });
    expect(launch.status).toBe(303);
    expect(launch.headers.location).toBe(`/#token=${token}`);
    expect(launch.headers['set-cookie']).toBeUndefined();

    // What a browser would send to this port (or any other local port) on its own: no credential.
    const cookieOnly = await send(port, '/api/session', { method: 'POST', headers: { host: `127.0.0.1:${port}`, cookie: `sms_desk_token=${token}` } });
    expect(cookieOnly.status).toBe(401);
    const page = await send(port, '/', { headers: { host: `127.0.0.1:${port}` } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  it('refuses the event socket to a page from another origin and to a caller without the token', async () => {
    await expect(openEvents(port, admin, token, 'http://attacker.example')).rejects.toThrow(/403/);
    await expect(openEvents(port, admin, 'not-the-token')).rejects.toThrow(/403/);
  });

  it('survives malformed WebSocket frames: only the sender’s socket closes', async () => {
    const page = await client.newSession();
    const bystander = await openEvents(port, page, token);
    for (const { name, frame, closeCode } of malformedFrames) {
      const raw = await rawEventSocket(port, page, token);
      const closed = closeCodeFrom(raw);
      raw.write(frame);
      expect(await closed, name).toBe(closeCode);
      raw.destroy();
      expect(running(), `still running after a frame with ${name}`).toBe(true);
    }
    expect(bystander.readyState).toBe(bystander.OPEN);
    const event = nextMessage(bystander);
    await ok(page, 'session.signIn', { staffId: (await ok<{ staff: { id: string } }>(admin, 'session.current')).staff.id, secret: ADMIN.secret });
    expect(await event).toMatchObject({ event: 'session.changed', payload: { staff: { name: ADMIN.name } } });
    bystander.close();
  });

  it('keeps the Sandbox carrier’s control API to itself, and its own “a family texts you” still works', async () => {
    await ok(admin, 'registration.submitBrand', { ...validBrand, phone: '(512) 555-0142' });
    await ok(admin, 'registration.registerPhoneNumber', { areaCode: '512' });
    await until(
      'the number to be assigned',
      () => ok<{ phone: { state: string } }>(admin, 'registration.refresh'),
      (view) => view.phone.state === 'assigned',
    );
    // In Sandbox the payment simulator and the billing service listen too: the carrier is the one answering Twilio's API.
    const simulatorPort = await carrierSimulatorPort(listeningPorts(child.pid!).filter((p) => p !== port));
    expect(simulatorPort, 'the built-in simulator listens on its own port').toBeDefined();
    const simulator = `http://127.0.0.1:${simulatorPort}`;

    const json = { 'content-type': 'application/json' };
    const forgedStop = JSON.stringify({ from: FAMILY, to: '+15125550100', body: 'STOP' });
    expect((await fetch(`${simulator}/__sim/messages`)).status).toBe(401);
    expect((await fetch(`${simulator}/__sim/inbound`, { method: 'POST', headers: json, body: forgedStop })).status).toBe(401);
    expect((await fetch(`${simulator}/__sim/faults`, { method: 'POST', headers: json, body: JSON.stringify({ kind: 'http_error', status: 500, count: 1000 }) })).status).toBe(401);
    // The app's own token opens nothing there: each secret has one job.
    expect((await fetch(`${simulator}/__sim/messages`, { headers: { 'x-sim-control-token': token, 'x-sms-desk-token': token } })).status).toBe(401);
    expect((await send(simulatorPort!, '/__sim/messages', { headers: { host: `attacker.example:${simulatorPort}` } })).status).toBe(421);

    const received = await ok<{ received: number }>(admin, 'messenger.simulateReply', { from: FAMILY, body: 'Is practice on today?' });
    expect(received.received).toBe(1);
    const { threads } = await ok<{ threads: Array<{ phone: string }> }>(admin, 'messenger.threads', {});
    expect(threads.map((t) => t.phone)).toEqual([FAMILY]);
  });

  it('keeps sessions bounded under a flood of POST /api/session', async () => {
    const first = await client.newSession();
    let last = first;
    for (let i = 0; i < 600; i += 1) last = await client.newSession();
    expect((await client.call(first, 'app.status')).status).toBe(403);
    expect((await client.call(last, 'app.status')).status).toBe(200);
    expect(running()).toBe(true);
  });
});
