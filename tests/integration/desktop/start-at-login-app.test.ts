import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/main/app/create-app';
import { MemorySecretStore } from '../../../src/main/adapters/secrets/memory-secret-store';
import { ConfSettingsStore } from '../../../src/main/adapters/settings/conf-settings-store';
import { watchLoginItem } from '../../../src/main/electron/watched-login-item';

let app: App | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

describe('start at login through the app', () => {
  it('tells every window to read it again when Settings or the tray turns it on or off', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sms-desk-login-item-'));
    let on = false;
    const loginItem = watchLoginItem({ isOn: () => on, set: (value) => void (on = value) })!;
    app = await createApp({ dataDir, settings: new ConfSettingsStore(dataDir), secrets: new MemorySecretStore(), logError: () => undefined, startAtLogin: loginItem });
    const refreshes: unknown[] = [];
    app.events.subscribe((event, payload) => {
      if (event === 'data.changed') refreshes.push(payload);
    });
    const call = (channel: string, input?: unknown) => app!.router({ sessionId: 'desk', trustedSender: true }, channel, input);
    expect(await call('session.createFirstAdmin', { name: 'Dana', secret: '482913' })).toMatchObject({ ok: true });

    expect(await call('desktop.setStartAtLogin', { on: true })).toEqual({ ok: true, value: { available: true, on: true } });
    expect(on).toBe(true);
    // The tray's checkbox sets the same login item.
    loginItem.set(false);
    expect(refreshes).toEqual([{ areas: ['desktop'] }, { areas: ['desktop'] }]);
    expect(await call('desktop.startAtLogin')).toEqual({ ok: true, value: { available: true, on: false } });
    expect(await app.unreadTotal()).toBe(0);
  });
});
