import { mergeSettings, parseSettings, type Settings, type SettingsStore } from '../../core/ports/settings-store';

export class MemorySettingsStore implements SettingsStore {
  private current: Settings = parseSettings({});

  read(): Settings {
    return this.current;
  }

  update(patch: Partial<Settings>): Settings {
    this.current = mergeSettings(this.current, patch);
    return this.current;
  }
}
