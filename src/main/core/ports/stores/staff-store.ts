import type { Permission, StaffSummary } from '../../../../shared/contract';

/** A staff profile as stored: the summary the screens see, plus what only sign-in may read. */
export interface StaffRecord extends StaffSummary {
  secretHash: string;
  failedAttempts: number;
}

export interface NewStaff {
  id: string;
  name: string;
  secretHash: string;
  permissions: readonly Permission[];
  createdAt: number;
}

/** Fields an admin (or a PIN reset) may change; the ones left out stay as they are. */
export interface StaffPatch {
  name?: string;
  permissions?: readonly Permission[];
  active?: boolean;
  secretHash?: string;
}

/**
 * The answer to "may this PIN try be judged?": yes, as try number `attempt`; or no, because the
 * profile is locked out until `lockedOutUntil` (`startedNow` when this very try started the lock-out).
 */
export type PinAttempt = { judged: true; attempt: number } | { judged: false; lockedOutUntil: number; startedNow: boolean };

/** Staff profiles and their sign-in counters. Owns `staff`. */
export interface StaffStore {
  count(): Promise<number>;
  find(id: string): Promise<StaffRecord | null>;
  /** Every profile, by name. */
  list(): Promise<StaffRecord[]>;
  activeAdminCount(): Promise<number>;
  insert(record: NewStaff): Promise<void>;
  update(id: string, patch: StaffPatch): Promise<void>;
  /**
   * Takes a PIN try before the slow hash is compared, atomically: parallel guesses each take a try
   * of their own, so no more than `maxAttempts` are ever judged per lock-out window. When every try
   * is taken but none was judged wrong yet (many at once, or the limit was lowered), the lock-out
   * starts now and lasts until `lockoutUntil`.
   */
  reservePinAttempt(id: string, options: { now: number; maxAttempts: number; lockoutUntil: number }): Promise<PinAttempt>;
  /** Starts a lock-out; the try counter restarts so the profile gets fresh tries afterwards. */
  lockOut(id: string, until: number): Promise<void>;
  /** A right PIN, or an admin reset it: no tries are counted and no lock-out stands. */
  clearFailures(id: string): Promise<void>;
}
