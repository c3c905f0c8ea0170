import type { EventPayload } from '../../shared/contract';
import type { App } from '../app/create-app';

/**
 * Follows the unread total for the tray and the badge: the kept count at start (so a desk opened
 * with replies waiting says so at once), then each `messenger.changed`. A change heard before the
 * start count is read wins, since it is newer.
 */
export function followUnreadTotal(core: Pick<App, 'events' | 'unreadTotal'>, show: (unread: number) => void): () => void {
  let heard = false;
  const stop = core.events.subscribe((event, payload) => {
    if (event !== 'messenger.changed') return;
    heard = true;
    show((payload as EventPayload<'messenger.changed'>).unread);
  });
  core.unreadTotal().then(
    (unread) => {
      if (!heard) show(unread);
    },
    // The next change brings the count anyway; until then the tray and badge show none.
    () => undefined,
  );
  return stop;
}
