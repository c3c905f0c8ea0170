import type { desktopChannels } from '../../../shared/contract/desktop';
import type { Handlers } from '../router';

/** The computer's login item, kept by the desktop host; browser mode and Linux have none. */
export interface LoginItemSetting {
  isOn(): boolean;
  set(on: boolean): void;
}

/** Start at login read and set from Settings; the host tells the tray and the screens when it changes. */
export function createStartAtLoginHandlers(item: LoginItemSetting | null): Pick<Handlers, keyof typeof desktopChannels> {
  const state = () => (item === null ? { available: false, on: false } : { available: true, on: item.isOn() });
  return {
    'desktop.startAtLogin': () => state(),
    'desktop.setStartAtLogin': (input) => {
      item?.set(input.on);
      return state();
    },
  };
}
