import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/main/app/create-app';
import { ShiftedClock, testClockFromEnv } from '../../../src/main/app/test-clock';
import { MemorySecretStore } from '../../../src/main/adapters/secrets/memory-secret-store';
import { MemorySettingsStore } from '../../../src/main/adapters/settings/memory-settings-store';
import { startWebServer, type WebServer } from '../../../src/main/web/server';
import { scriptClient, send } from './web-client';

const HOUR = 3_600_000;
const advance = (server: WebServer, headers: Record<string, string>, advanceMs = HOUR) =>
  send(server.port, '/api/test/clock', { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs }) });

describe('the test clock of browser mode', () => {
  let app: App;
  let normal: WebServer;
  let testing: WebServer;
  const clock = new ShiftedClock();
  const rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));

  beforeAll(async () => {
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>SMS Desk</title>');
    app = await createApp({ dataDir: mkdtempSync(join(tmpdir(), 'web-')), settings: new MemorySettingsStore(), secrets: new MemorySecretStore(), clock });
    normal = await startWebServer({ app, rendererDir, port: 0, testClock: testClockFromEnv({}) });
    testing = await startWebServer({ app, rendererDir, port: 0, testClock: clock });
  });
  afterAll(async () => {
    await normal.close();
    await testing.close();
    await app.close();
  });

  it('is off unless a test opts in: no SMS_DESK_TEST_CLOCK, no clock to move and no route to move it', async () => {
    expect(testClockFromEnv({})).toBeNull();
    expect(testClockFromEnv({ SMS_DESK_TEST_CLOCK: 'yes' })).toBeNull();
    expect(testClockFromEnv(process.env)).toBeNull();
    expect(testClockFromEnv({ SMS_DESK_TEST_CLOCK: '1' })).toBeInstanceOf(ShiftedClock);
    const before = clock.now();
    const refused = await advance(normal, scriptClient(normal.port, normal.token).headers());
    expect(refused.status).toBe(404);
    expect(clock.now() - before).toBeLessThan(HOUR);
  });

  it('once opted in, moves forward only for a caller with the token that is not a web page', async () => {
    const headers = scriptClient(testing.port, testing.token).headers();
    const before = clock.now();
    expect((await advance(testing, { host: headers.host })).status).toBe(401);
    // Even the app's own page (its origin, its token) cannot move the desk's time.
    expect((await advance(testing, { ...headers, origin: `http://127.0.0.1:${testing.port}` })).status).toBe(403);
    expect(clock.now() - before).toBeLessThan(HOUR);
    // A test's script can, by the hour asked; the clock never goes back.
    const moved = await advance(testing, headers);
    expect(moved.status).toBe(200);
    expect(clock.now() - before).toBeGreaterThanOrEqual(HOUR);
    expect((await advance(testing, headers, -HOUR)).status).toBe(400);
  });
});
