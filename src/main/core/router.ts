import {
  AppError,
  contract,
  fail,
  isChannel,
  type Channel,
  type ChannelOutput,
  type Permission,
  type Result,
} from '../../shared/contract';
import type { z } from 'zod';
import type { ChannelDef } from '../../shared/contract/define';

/** Facts the host establishes about a call before the core sees it. */
export interface CallContext {
  /** One per window (Electron webContents) or browser tab (bridge session). */
  readonly sessionId: string;
  /** Set by the host: the call came from our own origin and the main frame. */
  readonly trustedSender: boolean;
}

export interface Caller {
  readonly staffId: string;
  readonly name: string;
  readonly permissions: readonly Permission[];
  readonly locked: boolean;
}

export interface HandlerContext {
  readonly sessionId: string;
  /** The signed-in, unlocked staff member, or null on public channels. */
  readonly caller: Caller | null;
}

type ParsedInput<C extends Channel> = z.output<(typeof contract)[C]['input']>;
export type Handler<C extends Channel> = (
  input: ParsedInput<C>,
  ctx: HandlerContext,
) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
export type Handlers = { [C in Channel]: Handler<C> };

export interface RouterDeps {
  handlers: Handlers;
  /** Who is signed in on a session, after applying the idle auto-lock. */
  callerFor(sessionId: string): Caller | null | Promise<Caller | null>;
  audit(entry: { staffId: string | null; action: string; detail: string }): void | Promise<void>;
  /** A signed-in caller was refused for lack of a permission (the audit log coalesces floods). */
  refused(entry: { staffId: string; channel: string }): void | Promise<void>;
  /** A channel's own audit detail from what it did (a send's count and audience); undefined: the redacted input. */
  auditDetail?(channel: Channel, input: unknown, output: unknown): string | undefined | Promise<string | undefined>;
  logError(message: string, error: unknown): void;
}

export type Router = (ctx: CallContext, channel: unknown, input: unknown) => Promise<Result<unknown>>;

const SECRET_KEYS = /secret|token|password|pin|key|auth/i;

/** Audit details never contain a secret, a message body or a full phone number. */
export function redactForAudit(input: unknown): string {
  if (input === undefined || input === null) return '';
  if (typeof input !== 'object') return '';
  const safe = Object.fromEntries(
    Object.entries(input as Record<string, unknown>).map(([k, v]) => {
      if (SECRET_KEYS.test(k)) return [k, '[redacted]'];
      if (typeof v === 'string' && /^\+?\d{7,}$/.test(v)) return [k, `…${v.slice(-4)}`];
      if (typeof v === 'string' && v.length > 80) return [k, `[${v.length} characters]`];
      return [k, v];
    }),
  );
  return JSON.stringify(safe).slice(0, 500);
}

export function createRouter(deps: RouterDeps): Router {
  // Auditing a refusal must not turn the refusal into an exception.
  const noteRefusal = async (caller: Caller, channel: Channel) => {
    try {
      await deps.refused({ staffId: caller.staffId, channel });
    } catch (error) {
      deps.logError('could not audit a refused call', error);
    }
  };

  return async (ctx, channel, rawInput) => {
    if (!isChannel(channel)) return fail('UNKNOWN_CHANNEL', 'This action does not exist.');
    if (!ctx.trustedSender) return fail('FORBIDDEN_SENDER', 'This request did not come from SMS Desk.');
    const def: ChannelDef = contract[channel];

    const parsed = def.input.safeParse(rawInput);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first?.path.length ? `${first.path.join('.')}: ` : '';
      return fail('INVALID_INPUT', `${where}${first?.message ?? 'Invalid input'}`);
    }

    const caller = await deps.callerFor(ctx.sessionId);
    if (def.access !== 'public') {
      if (!caller) return fail('NOT_SIGNED_IN', 'Please sign in first.');
      if (caller.locked) return fail('SESSION_LOCKED', 'This desk is locked. Unlock it to continue.');
      if (def.access !== 'signedIn' && !caller.permissions.includes(def.access)) {
        await noteRefusal(caller, channel);
        return fail('PERMISSION_DENIED', 'Your profile does not have permission to do this. Ask an admin.');
      }
    }

    try {
      const handler = deps.handlers[channel] as Handler<Channel>;
      const value = await handler(parsed.data as never, {
        sessionId: ctx.sessionId,
        caller: caller && !caller.locked ? caller : null,
      });
      if (def.audited) {
        const detail = (await deps.auditDetail?.(channel, parsed.data, value)) ?? redactForAudit(rawInput);
        await deps.audit({ staffId: caller?.staffId ?? null, action: channel, detail });
      }
      // Parsing the output strips anything a service returned that the contract does not name.
      return { ok: true, value: def.output.parse(value) };
    } catch (error) {
      if (error instanceof AppError) {
        // A service's own permission check (an override it needs) is a refusal like the router's.
        if (error.code === 'PERMISSION_DENIED' && caller) await noteRefusal(caller, channel);
        return { ok: false, error: error.toData() };
      }
      deps.logError(`channel ${channel} failed`, error);
      // The handler may have saved part of its work before failing, so the message promises nothing.
      return fail('INTERNAL', 'Something went wrong. Please check whether your change was saved before trying again.');
    }
  };
}
