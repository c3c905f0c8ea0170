import { JsonStateFile } from '../json-state-file.ts';
import { emptyState } from './state.ts';
import type { PaymentsState } from './state.ts';

/** Keeps the account in a JSON file so the simulator outlives a desk that crashes between payment and grant (and its own restarts). */
export class StateFile extends JsonStateFile<PaymentsState> {
  constructor(path: string, snapshot: () => PaymentsState) {
    super(path, snapshot, 20);
  }

  /** The stored account, or a fresh one; an unreadable file is moved aside, never lost. */
  static load(path: string): PaymentsState {
    const stored = JsonStateFile.read(path, 'payment simulator', (json) => {
      const raw = json as PaymentsState;
      if (raw.version !== 1) throw new Error(`unknown state version ${String(raw.version)}`);
      return { ...emptyState(), ...raw };
    });
    return stored ?? emptyState();
  }
}
