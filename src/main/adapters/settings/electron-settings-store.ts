import Store from 'electron-store';
import { mergeSettings, parseSettings, type Settings, type SettingsStore } from '../../core/ports/settings-store';

/** Desktop settings: electron-store in the app's userData folder. */
export class ElectronSettingsStore implements SettingsStore {
  // Owner-only, like everything in the data folder (electron-store's default leaves it readable by all).
  private readonly store = new Store<Record<string, unknown>>({ name: 'settings', configFileMode: 0o600 });

  read(): Settings {
    return parseSettings(this.store.store);
  }

  update(patch: Partial<Settings>): Settings {
    const next = mergeSettings(this.read(), patch);
    this.store.store = next;
    return next;
  }
}
