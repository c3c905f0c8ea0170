import type { Api, AppErrorData, Result } from '../../../shared/contract';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode until the browser transport installs one. */
    smsDesk?: Api;
  }
}

let api: Api | null = null;

export function installApi(value: Api): void {
  api = value;
}

export function bridge(): Api {
  if (!api) throw new Error('The SMS Desk bridge is not ready yet');
  return api;
}

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

export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const result = await call;
  if (!result.ok) throw new BridgeError(result.error);
  return result.value;
}

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : 'Something went wrong. Please try again.';
