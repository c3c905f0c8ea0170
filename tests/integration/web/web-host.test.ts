import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/main/app/create-app';
import { MemorySecretStore } from '../../../src/main/adapters/secrets/memory-secret-store';
import { MemorySettingsStore } from '../../../src/main/adapters/settings/memory-settings-store';
import { startWebServer, type WebServer } from '../../../src/main/web/server';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
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

describe('browser-mode host', () => {
  let app: App;
  let server: WebServer;
  let cookie: string;
  const rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));

  beforeAll(async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>SMS Desk</title>');
    app = await createApp({ dataDir: mkdtempSync(join(tmpdir(), 'web-')), settings: new MemorySettingsStore(), secrets: new MemorySecretStore() });
    server = await startWebServer({ app, rendererDir, port: 0 });
    const launch = await send(server.port, `/?token=${server.token}`, { headers: { host: `127.0.0.1:${server.port}` } });
    expect(launch.status).toBe(303);
    cookie = String(launch.headers['set-cookie']).split(';')[0]!;
    expect(String(launch.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
  });
  afterAll(async () => {
    await server.close();
    await app.close();
  });

  const host = () => `127.0.0.1:${server.port}`;
  const newSession = async () => JSON.parse((await send(server.port, '/api/session', { method: 'POST', headers: { host: host(), cookie } })).body).sessionId as string;

  it('refuses requests without the token', async () => {
    expect((await send(server.port, '/', { headers: { host: host() } })).status).toBe(401);
    expect((await send(server.port, '/api/session', { method: 'POST', headers: { host: host() } })).status).toBe(401);
    expect((await send(server.port, '/?token=wrong', { headers: { host: host() } })).status).toBe(401);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin even with the token', async () => {
    expect((await send(server.port, '/', { headers: { host: `evil.example:${server.port}`, cookie } })).status).toBe(421);
    const call = await send(server.port, '/api/session', { method: 'POST', headers: { host: host(), cookie, origin: 'https://evil.example' } });
    expect(call.status).toBe(403);
  });

  it('serves the renderer with security headers once the token is presented', async () => {
    const page = await send(server.port, '/', { headers: { host: host(), cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('SMS Desk');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await send(server.port, '/../../etc/passwd', { headers: { host: host(), cookie } })).body).not.toContain('root:');
  });

  it('routes calls to the core and refuses unknown sessions and oversize bodies', async () => {
    const sessionId = await newSession();
    const headers = { host: host(), cookie, 'content-type': 'application/json', 'x-sms-desk-session': sessionId };
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
