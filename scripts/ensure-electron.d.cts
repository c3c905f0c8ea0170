// Types for scripts/ensure-electron.cjs, so its tests are type-checked.
import type { spawnSync } from 'node:child_process';

export type FetchOutcome = 'ready' | 'failed' | 'stopped';
export interface EnsureResult {
  ok: boolean;
  exitCode: number;
  message: string | null;
}

export declare const NOT_INSTALLED: string;
export declare const CANNOT_DOWNLOAD: string;
export declare function electronPackageDir(): string | null;
export declare function fetchElectron(packageDir: string, run?: typeof spawnSync): FetchOutcome;
export declare function ensureElectron(deps?: { findPackage?: () => string | null; fetch?: (packageDir: string) => FetchOutcome }): EnsureResult;
