import type { messageOptionsChannels } from '../../../shared/contract';
import type { Handlers } from '../router';
import type { SettingsStore } from '../ports/settings-store';

/** Message options live with the other small settings; the schema guards every write. */
export function createMessageOptionsHandlers(settings: SettingsStore): Pick<Handlers, keyof typeof messageOptionsChannels> {
  return {
    'messageOptions.get': () => settings.read().messageOptions,
    'messageOptions.update': (input) => settings.update({ messageOptions: input }).messageOptions,
  };
}
