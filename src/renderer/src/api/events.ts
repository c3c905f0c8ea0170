import type { QueryClient } from '@tanstack/react-query';
import { bridge } from './bridge';
import { QueryScope } from './use-channel';
import { connectMessengerEvents, followSendsInOpenThreads } from './messenger-events';
import { useDesktopActions } from '../features/shell/desktop-action-store';

/** Main's pushes become cache updates and invalidations; components never listen to the bridge. */
export function connectEvents(client: QueryClient): () => void {
  const offSession = bridge().on('session.changed', (state) => {
    client.setQueryData([QueryScope.session], state);
    // Signed out: nothing another person may not see stays cached.
    if (!state.staff) client.removeQueries({ predicate: (q) => q.queryKey[0] !== QueryScope.session && q.queryKey[0] !== QueryScope.app });
  });
  const offData = bridge().on('data.changed', ({ areas }) => {
    for (const area of areas) void client.invalidateQueries({ queryKey: [area] });
    followSendsInOpenThreads(client, areas);
  });
  const offMessenger = connectMessengerEvents(client);
  // The tray or the menu (desktop only) asks for a screen, the lock or the shortcuts sheet.
  const offDesktop = bridge().on('desktop.action', ({ action }) => useDesktopActions.getState().ask(action));
  return () => {
    offSession();
    offData();
    offMessenger();
    offDesktop();
  };
}
