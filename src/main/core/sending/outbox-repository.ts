// The outbox's records now live behind the storage port (ports/stores/outbox-store.ts); these
// names stay importable from here for the modules that still use this path.
export type { DueMessage, PollTarget } from '../ports/stores/outbox-store';
