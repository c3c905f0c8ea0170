import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfSettingsStore } from '../../../src/main/adapters/settings/conf-settings-store';

describe('ConfSettingsStore (browser-mode settings)', () => {
  it('starts in Sandbox mode with defaults and persists updates across instances', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sms-desk-settings-'));
    const first = new ConfSettingsStore(dir);
    expect(first.read().mode).toBe('sandbox');
    first.update({ idleLockMinutes: 3 });
    expect(new ConfSettingsStore(dir).read().idleLockMinutes).toBe(3);
  });

  it('refuses to store an invalid value and keeps the previous settings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sms-desk-settings-'));
    const store = new ConfSettingsStore(dir);
    store.update({ idleLockMinutes: 7 });
    expect(() => store.update({ idleLockMinutes: -1 })).toThrow();
    expect(store.read().idleLockMinutes).toBe(7);
  });

  it('falls back to defaults when the file on disk was tampered with', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sms-desk-settings-'));
    new ConfSettingsStore(dir).update({ idleLockMinutes: 5 });
    const file = join(dir, 'settings.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), mode: 'hacked' }));
    expect(new ConfSettingsStore(dir).read().mode).toBe('sandbox');
  });
});
