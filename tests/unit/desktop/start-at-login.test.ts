import { describe, expect, it } from 'vitest';
import { withAdminAndClerk } from '../staff/harness';

/** A login item as the desktop host keeps it (Windows and macOS). */
function fakeLoginItem(on = false) {
  const item = { on, isOn: () => item.on, set: (value: boolean) => void (item.on = value) };
  return item;
}

describe('start at login, from Settings', () => {
  it('is offered where the computer has a login item, and an admin turns it on and off', async () => {
    const item = fakeLoginItem();
    const h = await withAdminAndClerk({ loginItem: item });
    expect(await h.call('admin-window', 'desktop.startAtLogin')).toEqual({ ok: true, value: { available: true, on: false } });
    expect(await h.call('admin-window', 'desktop.setStartAtLogin', { on: true })).toEqual({ ok: true, value: { available: true, on: true } });
    expect(item.on).toBe(true);
    expect(await h.call('admin-window', 'desktop.setStartAtLogin', { on: false })).toEqual({ ok: true, value: { available: true, on: false } });
    expect(item.on).toBe(false);
  });

  it('reads what was set elsewhere (the tray), each time it is asked', async () => {
    const item = fakeLoginItem();
    const h = await withAdminAndClerk({ loginItem: item });
    item.set(true);
    expect(await h.call('clerk-window', 'desktop.startAtLogin')).toEqual({ ok: true, value: { available: true, on: true } });
  });

  it('is not offered where there is no login item (browser mode, Linux)', async () => {
    const h = await withAdminAndClerk();
    expect(await h.call('admin-window', 'desktop.startAtLogin')).toEqual({ ok: true, value: { available: false, on: false } });
    expect(await h.call('admin-window', 'desktop.setStartAtLogin', { on: true })).toEqual({ ok: true, value: { available: false, on: false } });
  });

  it('may be changed by an admin only', async () => {
    const item = fakeLoginItem();
    const h = await withAdminAndClerk({ loginItem: item });
    const refused = await h.call('clerk-window', 'desktop.setStartAtLogin', { on: true });
    expect(refused.ok).toBe(false);
    expect(item.on).toBe(false);
  });
});
