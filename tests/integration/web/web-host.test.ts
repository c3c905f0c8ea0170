import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from '../../../src/main/app/create-app';
import { MemorySecretStore } from '../../../src/main/adapters/secrets/memory-secret-store';
import { MemorySettingsStore } from '../../../src/main/adapters/settings/memory-settings-store';
import { startWebServer, type WebServer } from '../../../src/main/web/server';
import type { SessionLimits } from '../../../src/main/web/web-sessions';
import { closeCodeFrom, malformedFrames, nextMessage, openEvents, rawEventSocket, scriptClient, send, until } from './web-client';

describe('browser-mode host', () => {
  let app: App;
  let server: WebServer;
  let client: ReturnType<typeof scriptClient>;
  const extraServers: WebServer[] = [];
  const ended: string[] = [];
  const rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));

  /** Another host on the same core, with session limits small enough to reach in a test. */
  const limitedServer = async (limits: Partial<SessionLimits>) => {
    const limited = await startWebServer({ app, rendererDir, port: 0, sessionLimits: limits });
    extraServers.push(limited);
    const limitedClient = scriptClient(limited.port, limited.token);
    const known = async (sessionId: string) => (await limitedClient.call(sessionId, 'app.status')).status === 200;
    return { server: limited, client: limitedClient, known };
  };

  beforeAll(async () => {
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>SMS Desk</title>');
    app = await createApp({ dataDir: mkdtempSync(join(tmpdir(), 'web-')), settings: new MemorySettingsStore(), secrets: new MemorySecretStore() });
    const endSession = app.endSession.bind(app);
    vi.spyOn(app, 'endSession').mockImplementation((id) => {
      ended.push(id);
      endSession(id);
    });
    server = await startWebServer({ app, rendererDir, port: 0 });
    client = scriptClient(server.port, server.token);
  });
  afterAll(async () => {
    for (const extra of extraServers) await extra.close();
    await server.close();
    await app.close();
  });

  const host = () => `127.0.0.1:${server.port}`;

  it('moves the launch token into the fragment and never into a cookie', async () => {
    const launch = await send(server.port, `/?token=${server.token}`, { headers: { host: host() } });
    expect(launch.status).toBe(303);
    expect(launch.headers.location).toBe(`/#token=${server.token}`);
    expect(launch.headers['set-cookie']).toBeUndefined();
    // The Host check comes first: a rebound name learns nothing, not even that the token is right.
    const rebound = await send(server.port, `/?token=${server.token}`, { headers: { host: `evil.example:${server.port}` } });
    expect(rebound.status).toBe(421);
    expect(rebound.headers.location).toBeUndefined();
    expect(rebound.headers['set-cookie']).toBeUndefined();
    expect((await send(server.port, '/?token=wrong', { headers: { host: host() } })).status).toBe(401);
  });

  it('gates every /api/ path on the token header; a token in a cookie counts for nothing', async () => {
    expect((await send(server.port, '/api/session', { method: 'POST', headers: { host: host() } })).status).toBe(401);
    const cookie = `sms_desk_token=${server.token}`;
    expect((await send(server.port, '/api/session', { method: 'POST', headers: { host: host(), cookie } })).status).toBe(401);
    expect((await send(server.port, '/api/anything', { headers: { host: host() } })).status).toBe(401);
    expect((await send(server.port, '/api/session', { method: 'POST', headers: client.headers() })).status).toBe(200);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin even with the token', async () => {
    expect((await send(server.port, '/', { headers: { host: `evil.example:${server.port}` } })).status).toBe(421);
    const call = await send(server.port, '/api/session', { method: 'POST', headers: client.headers({ origin: 'https://evil.example' }) });
    expect(call.status).toBe(403);
  });

  it('serves the public renderer bundle without the token, with security headers', async () => {
    const page = await send(server.port, '/', { headers: { host: host() } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('SMS Desk');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['set-cookie']).toBeUndefined();
    expect((await send(server.port, '/../../etc/passwd', { headers: { host: host() } })).body).not.toContain('root:');
  });

  it('routes calls to the core and refuses unknown sessions and oversize bodies', async () => {
    const sessionId = await client.newSession();
    const headers = client.headers({ 'content-type': 'application/json', 'x-sms-desk-session': sessionId });
    const unknown = await send(server.port, '/api/call', { method: 'POST', headers, body: JSON.stringify({ channel: 'nope', input: null }) });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    const status = await send(server.port, '/api/call', { method: 'POST', headers, body: JSON.stringify({ channel: 'app.status' }) });
    expect(JSON.parse(status.body)).toMatchObject({ ok: true, value: { needsFirstAdmin: true } });
    const forged = await send(server.port, '/api/call', { method: 'POST', headers: { ...headers, 'x-sms-desk-session': 'web-forged' }, body: '{}' });
    expect(forged.status).toBe(403);
    const huge = await send(server.port, '/api/call', { method: 'POST', headers, body: 'x'.repeat(2 * 1024 * 1024) }).catch(() => ({ status: 413 }));
    expect(huge.status).toBe(413);
    const notJson = await send(server.port, '/api/call', { method: 'POST', headers, body: '{not json' });
    expect(notJson.status).toBe(400);
  });

  it('opens the event socket with the token in a subprotocol, and only from our origin', async () => {
    const sessionId = await client.newSession();
    const ws = await openEvents(server.port, sessionId, server.token);
    expect(ws.protocol).toBe('sms-desk');
    ws.close();
    await expect(openEvents(server.port, sessionId, 'wrong')).rejects.toThrow(/403/);
    await expect(openEvents(server.port, sessionId, server.token, 'https://evil.example')).rejects.toThrow(/403/);
    await expect(openEvents(server.port, 'web-forged', server.token)).rejects.toThrow(/403/);
  });

  it('closes only the socket that sends a malformed frame', async () => {
    const sessionId = await client.newSession();
    const bystander = await openEvents(server.port, sessionId, server.token);
    for (const { name, frame, closeCode } of malformedFrames) {
      const raw = await rawEventSocket(server.port, sessionId, server.token);
      const closed = closeCodeFrom(raw);
      raw.write(frame);
      expect(await closed, name).toBe(closeCode);
      raw.destroy();
    }
    expect(bystander.readyState).toBe(bystander.OPEN);
    // The server still answers, and the other socket still gets its events.
    const event = nextMessage(bystander);
    expect((await client.call(sessionId, 'session.signOut')).status).toBe(200);
    expect(await event).toMatchObject({ event: 'session.changed' });
    bystander.close();
  });

  it('keeps a session over a reload: the page presents its id again and gets it back', async () => {
    const sessionId = await client.newSession();
    const ws = await openEvents(server.port, sessionId, server.token);
    ws.close();
    await until('the socket to close', () => ws.readyState, (state) => state === ws.CLOSED);
    expect(await client.newSession(sessionId)).toBe(sessionId);
    expect(await client.newSession('web-unknown')).not.toBe('web-unknown');
  });

  it('ends sessions nobody uses, but not while their page is open', async () => {
    const { server: short, client, known } = await limitedServer({ idleMs: 300 });
    const withPage = await client.newSession();
    const ws = await openEvents(short.port, withPage, short.token);
    const unused = await client.newSession();
    await until('the unused session to end', () => ended.includes(unused), Boolean);
    expect(await known(unused)).toBe(false);
    // Just as long without a call, but its page is open.
    expect(ended).not.toContain(withPage);
    expect(await known(withPage)).toBe(true);
    ws.close();
    await until('the closed page’s session to end', () => ended.includes(withPage), Boolean);
  });

  it('keeps the number of sessions bounded, ending the one idle longest', async () => {
    const { server: small, client, known } = await limitedServer({ max: 6 });
    const first = await client.newSession();
    const opened: string[] = [first];
    for (let i = 0; i < 40; i += 1) opened.push(await client.newSession());
    expect(small.sessionCount()).toBe(6);
    expect(ended).toContain(first);
    expect(await known(opened.at(-1)!)).toBe(true);
  });
});

describe('npm run web', () => {
  it('prints one line with the loopback URL and a token', () => {
    const cli = resolve('out/main/web.js');
    const dataDir = mkdtempSync(join(tmpdir(), 'web-cli-'));
    const script = `
      const { spawn } = require('node:child_process');
      const child = spawn(process.execPath, [${JSON.stringify(cli)}, '--data-dir', ${JSON.stringify(dataDir)}, '--port', '0']);
      let out = '';
      child.stdout.on('data', (d) => { out += d; if (out.includes('\\n')) setTimeout(() => { child.kill(); process.stdout.write(out); }, 300); });
    `;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000 });
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^SMS Desk is running at http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/);
  });
});
