import type { QueryClient } from '@tanstack/react-query';
import { DataArea, type EventPayload } from '../../../shared/contract';
import { bridge } from './bridge';
import { creditKeys } from './credits-queries';
import { concernsSends } from './send-queries';
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
  const offData = bridge().on('data.changed', (change) => {
    applyDataChange(client, change);
    followSendsInOpenThreads(client, change.areas);
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

/**
 * Every query under an area that changed is read again (those on screen now, the others when next
 * shown) — narrowed as main says: a send's progress names its sends, so other sends' failures stay;
 * the held credits alone moving reads the balance, not purchases, history or notices.
 */
export function applyDataChange(client: QueryClient, { areas, sends, creditsHeld }: EventPayload<'data.changed'>): void {
  for (const area of areas) {
    if (area === DataArea.sends && sends !== undefined) void client.invalidateQueries({ queryKey: [area], predicate: (q) => concernsSends(q.queryKey, sends) });
    else void client.invalidateQueries({ queryKey: [area] });
  }
  if (creditsHeld === true && !areas.includes(DataArea.credits)) void client.invalidateQueries({ queryKey: creditKeys.balance });
}
