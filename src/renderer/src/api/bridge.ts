import type { Api, Result } from '../../../shared/contract';
import { BridgeError } from './errors';

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

export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const result = await call;
  if (!result.ok) throw new BridgeError(result.error);
  return result.value;
}
