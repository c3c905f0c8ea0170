import type { AppErrorData } from '../../../shared/contract';

/** A failed call as react-query sees it: the typed error from main, never a raw exception. */
export class BridgeError extends Error {
  constructor(readonly error: AppErrorData) {
    super(error.message);
    this.name = 'BridgeError';
  }
  get code() {
    return this.error.code;
  }
}

/** What a screen says when a call fails: main's sentence, or a calm fallback. */
export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : 'Something went wrong. Please try again.';
