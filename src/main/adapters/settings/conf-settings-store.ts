import Conf from 'conf';
import { mergeSettings, parseSettings, type Settings, type SettingsStore } from '../../core/ports/settings-store';

/** Browser-mode settings: a JSON file in the data dir, written atomically by `conf`. */
export class ConfSettingsStore implements SettingsStore {
  private readonly conf: Conf<Record<string, unknown>>;

  constructor(dataDir: string) {
    // Owner-only, like everything in the data folder (conf's default leaves it readable by all).
    this.conf = new Conf({ cwd: dataDir, configName: 'settings', projectName: 'sms-desk', configFileMode: 0o600 });
  }

  read(): Settings {
    return parseSettings(this.conf.store);
  }

  update(patch: Partial<Settings>): Settings {
    const next = mergeSettings(this.read(), patch);
    this.conf.store = next;
    return next;
  }
}
