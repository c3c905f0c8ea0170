// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectEvents } from '../../../src/renderer/src/api/events';
import { StartAtLoginSetting } from '../../../src/renderer/src/features/settings/start-at-login-setting';
import { fakeTransport, newClient, renderWithQueries } from './harness';
import { installApi } from '../../../src/renderer/src/api/bridge';
import { buildApi } from '../../../src/shared/contract';

// Which host the page runs in: the desktop app (preload) or a browser tab over the loopback bridge.
const host = vi.hoisted(() => ({ browser: false }));
vi.mock('../../../src/renderer/src/api/browser-transport', async (original) => ({
  ...(await original<object>()),
  get browserMode() {
    return host.browser;
  },
}));

afterEach(() => {
  cleanup();
  host.browser = false;
});

/** Main with a login item that the tray may also turn on or off. */
function desktopMain(available = true) {
  const item = { on: false };
  const fake = fakeTransport({
    'desktop.startAtLogin': () => ({ ok: true, value: { available, on: item.on } }),
    'desktop.setStartAtLogin': ({ on }) => {
      item.on = on;
      return { ok: true, value: { available, on } };
    },
  });
  installApi(buildApi(fake.transport));
  return { item, ...fake };
}

const box = () => screen.getByRole('checkbox', { name: 'Start SMS Desk when this computer starts' }) as HTMLInputElement;

describe('start at login in Settings', () => {
  it('is a checkbox for this computer that turns start at login on and off', async () => {
    const main = desktopMain();
    renderWithQueries(<StartAtLoginSetting />);
    expect(await screen.findByRole('heading', { name: 'This computer' })).toBeTruthy();
    expect(box().checked).toBe(false);
    fireEvent.click(box());
    await waitFor(() => expect(box().checked).toBe(true));
    expect(main.item.on).toBe(true);
    expect(main.calls.filter((c) => c.channel === 'desktop.setStartAtLogin').map((c) => c.input)).toEqual([{ on: true }]);
  });

  it('follows the tray: when main says it changed there, the box shows it', async () => {
    const main = desktopMain();
    const client = newClient();
    const stop = connectEvents(client);
    renderWithQueries(<StartAtLoginSetting />, client);
    await waitFor(() => expect(box().checked).toBe(false));
    main.item.on = true;
    act(() => main.emit('data.changed', { areas: ['desktop'] }));
    await waitFor(() => expect(box().checked).toBe(true));
    stop();
  });

  it('is not shown where the computer has no login item (Linux)', async () => {
    const main = desktopMain(false);
    renderWithQueries(<StartAtLoginSetting />);
    await waitFor(() => expect(main.calls.map((c) => c.channel)).toContain('desktop.startAtLogin'));
    expect(screen.queryByRole('heading', { name: 'This computer' })).toBeNull();
    expect(screen.queryByRole('checkbox')).toBeNull();
  });

  it('is not shown, nor asked about, in a browser tab', async () => {
    host.browser = true;
    const main = desktopMain();
    renderWithQueries(<StartAtLoginSetting />);
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(main.calls).toEqual([]);
    expect(screen.queryByRole('checkbox')).toBeNull();
  });
});
