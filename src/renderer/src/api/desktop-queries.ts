import { browserMode } from './browser-transport';
import { QueryScope, useChannelMutation, useChannelQuery } from './use-channel';

/** Under `desktop`: main says when the tray turned start at login on or off, and this is read again. */
const startAtLoginKey = [QueryScope.desktop, 'startAtLogin'] as const;

/** Start at login: asked only in the desktop app (a page in a browser has no login item to set). */
export const useStartAtLogin = () => useChannelQuery('desktop.startAtLogin', startAtLoginKey, undefined, { enabled: !browserMode });

export const useSetStartAtLogin = () =>
  useChannelMutation('desktop.setStartAtLogin', {
    input: (on: boolean) => ({ on }),
    onSuccess: (state, client) => client.setQueryData(startAtLoginKey, state),
  });
