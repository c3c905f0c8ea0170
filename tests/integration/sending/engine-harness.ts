import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStandaloneEngine, type StandaloneEngine, type StandaloneEngineOptions } from '../../../src/main/app/standalone-engine';
import { TwilioSimulator } from '../../../src/main/sandbox/simulator';
import type { SimSettingsInput } from '../../../src/main/sandbox/settings';
import { ACCOUNT_SID, AUTH_TOKEN } from '../carrier/sim-harness';

/** A simulator that moves messages along at once, so delivery is observable within a test. */
export const FAST_SIM: SimSettingsInput = { mps: 10_000, queueMs: 0, sendingMs: 0, deliveryMs: 0 };

export interface EngineRig {
  sim: TwilioSimulator;
  baseUrl: string;
  dir: string;
  messagingServiceSid: string;
  engine: StandaloneEngine;
  /** Opens another engine on the same database (a restart). */
  restart(extra?: Partial<StandaloneEngineOptions>): Promise<StandaloneEngine>;
  /** Resolves once no outbox row is waiting to be sent or looked up. */
  drained(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The engine runs with its own reconciliation timings (how long it waits before looking up an
 * in-doubt text, and before looking again): those are what keep a text from going out twice.
 * Only retries of requests the carrier refused are quickened. `carrierNow` sets the carrier's
 * clock, to disagree with ours.
 */
export async function startEngineRig(sim: SimSettingsInput = FAST_SIM, extra: Partial<StandaloneEngineOptions> = {}, carrierNow?: () => number): Promise<EngineRig> {
  const dir = mkdtempSync(join(tmpdir(), 'sms-desk-engine-'));
  const simulator = new TwilioSimulator();
  const handle = await simulator.start({
    accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, settings: sim, stateFile: join(dir, 'sim.json'), ...(carrierNow === undefined ? {} : { now: carrierNow }),
  });
  const { messagingServiceSid } = simulator.bootstrap();
  // Ready once the Sandbox's starting credits are written, so a test reads the ledger after them.
  const open = async (more: Partial<StandaloneEngineOptions> = {}) => {
    const engine = startStandaloneEngine({
      dbFile: join(dir, 'engine.sqlite'), baseUrl: handle.baseUrl, accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, messagingServiceSid,
      requestTimeoutMs: 2_000, ...extra, ...more,
      messageOptions: { messagesPerSecond: 1000, ...extra.messageOptions, ...more.messageOptions },
      dispatcher: { retryBaseMs: 20, retryMaxMs: 200, ...extra.dispatcher, ...more.dispatcher },
    });
    await engine.ready;
    return engine;
  };
  const rig: EngineRig = {
    sim: simulator,
    baseUrl: handle.baseUrl,
    dir,
    messagingServiceSid,
    engine: await open(),
    async restart(more) {
      await rig.engine.close();
      rig.engine = await open(more);
      return rig.engine;
    },
    async drained(timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const waiting = rig.engine.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state IN ('queued', 'claimed')").get() as { n: number };
        const unexpanded = rig.engine.db.prepare('SELECT COUNT(*) AS n FROM send_batches WHERE expanded = 0').get() as { n: number };
        if (waiting.n === 0 && unexpanded.n === 0) return;
        if (Date.now() > deadline) throw new Error(`outbox not drained: ${waiting.n} rows waiting`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop() {
      await rig.engine.close();
      await handle.stop();
    },
  };
  return rig;
}

/** How many messages the carrier holds per recipient: the exactly-once witness. */
export function copiesPerRecipient(sim: TwilioSimulator): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of sim.messages()) if (m.direction === 'outbound-api') counts.set(m.to, (counts.get(m.to) ?? 0) + 1);
  return counts;
}

export const numbers = (count: number, prefix = '+1512555'): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);

export function ledgerRows(engine: StandaloneEngine): Array<{ kind: string; credits: number; outbox_id: number | null }> {
  return engine.db.prepare('SELECT kind, credits, outbox_id FROM credit_ledger ORDER BY id').all() as unknown as Array<{ kind: string; credits: number; outbox_id: number | null }>;
}
