import type { z } from 'zod';
import type { Access } from './permissions';

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly access: Access;
  /** Privileged calls are written to the audit log by the router. */
  readonly audited?: boolean;
}

/** Identity helper that keeps the literal types of a feature's channel map. */
export const defineChannels = <const T extends Record<string, ChannelDef>>(channels: T): T => channels;
