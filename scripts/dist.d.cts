// Types for scripts/dist.cjs, so its tests are type-checked.
import type { EnsureResult } from './ensure-electron.cjs';

export declare const NO_ELECTRON: string;
export declare function dist(deps?: {
  ensure?: () => EnsureResult;
  step?: (command: string, args: string[]) => boolean;
  extraArgs?: string[];
}): { exitCode: number; message: string | null };
