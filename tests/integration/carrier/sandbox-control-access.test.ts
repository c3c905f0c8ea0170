import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemorySecretStore } from '../../../src/main/adapters/secrets/memory-secret-store';
import { createCarrierFactories } from '../../../src/main/app/carrier-factories';
import { TwilioSimulator, type SimulatorHandle } from '../../../src/main/sandbox/simulator';
import { send } from '../web/web-client';
import { ACCOUNT_SID, AUTH_TOKEN } from './sim-harness';

/**
 * The simulator's /__sim/ control API reads every text, forges replies and breaks sending. The
 * one the app runs for Sandbox mode answers only the app itself; other local programs are refused.
 */

const FAMILY = '+15125550177';
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  vi.restoreAllMocks();
});

/** The app's carrier factories with the simulator they start caught, as an attacker would find its port. */
async function inAppSimulator(): Promise<{ sim: TwilioSimulator; baseUrl: string; factories: ReturnType<typeof createCarrierFactories> }> {
  const started: Array<{ sim: TwilioSimulator; handle: Promise<SimulatorHandle> }> = [];
  const start = TwilioSimulator.prototype.start;
  vi.spyOn(TwilioSimulator.prototype, 'start').mockImplementation(function (this: TwilioSimulator, options) {
    const handle = start.call(this, options);
    started.push({ sim: this, handle });
    return handle;
  });
  const factories = createCarrierFactories({ dataDir: mkdtempSync(join(tmpdir(), 'sandbox-control-')), secrets: new MemorySecretStore() });
  stops.push(() => factories.stop());
  await factories.sandbox();
  expect(started).toHaveLength(1);
  const { sim, handle } = started[0]!;
  return { sim, baseUrl: (await handle).baseUrl, factories };
}

const inboundFrom = (sim: TwilioSimulator, from: string) => sim.messages().filter((m) => m.direction === 'inbound' && m.from === from);

describe('the in-app Sandbox simulator’s control API', () => {
  it('refuses local programs without the per-launch secret: no reading texts, no forged STOP, no broken sending', async () => {
    const { sim, baseUrl } = await inAppSimulator();
    const [number] = sim.bootstrap().phoneNumbers;
    const json = { 'content-type': 'application/json' };
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', '/__sim/messages'],
      ['GET', '/__sim/info'],
      ['POST', '/__sim/inbound', { from: FAMILY, to: number, body: 'STOP' }],
      ['POST', '/__sim/faults', { kind: 'http_error', status: 500, count: 1000 }],
      ['POST', '/__sim/settings', { failedRate: 1 }],
      ['POST', '/__sim/reset', {}],
    ];
    for (const [method, path, body] of attempts) {
      const bare = await fetch(`${baseUrl}${path}`, { method, headers: json, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      expect(bare.status, `${method} ${path}`).toBe(401);
      const guessed = await fetch(`${baseUrl}${path}`, { method, headers: { ...json, 'x-sim-control-token': 'guess' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      expect(guessed.status, `${method} ${path} with a guessed secret`).toBe(401);
    }
    expect(inboundFrom(sim, FAMILY)).toEqual([]);
    expect(sim.settings().failedRate).toBe(0);
    // The account the app set up is still there.
    expect(sim.messages()).toEqual([]);
    // A rebound name (DNS rebinding) is refused before anything else.
    const port = Number(new URL(baseUrl).port);
    expect((await send(port, '/__sim/health', { headers: { host: `evil.example:${port}` } })).status).toBe(421);
  });

  it('still takes the app’s own “a family texts you” reply', async () => {
    const { sim, factories } = await inAppSimulator();
    const [number] = sim.bootstrap().phoneNumbers;
    await factories.simulateInbound(FAMILY, number!, 'See you at practice');
    expect(inboundFrom(sim, FAMILY).map((m) => m.body)).toEqual(['See you at practice']);
  });
});

describe('a simulator started for tests and benchmarks', () => {
  const startSim = async (control?: 'open') => {
    const handle = await new TwilioSimulator().start({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, ...(control ? { control } : {}) });
    stops.push(() => handle.stop());
    return handle.baseUrl;
  };

  it('keeps its control API closed unless open mode is chosen', async () => {
    expect((await fetch(`${await startSim()}/__sim/health`)).status).toBe(403);
    expect((await fetch(`${await startSim('open')}/__sim/health`)).status).toBe(200);
  });

  it('never answers a web page, even in open mode', async () => {
    const response = await fetch(`${await startSim('open')}/__sim/inbound`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
      body: JSON.stringify({ from: FAMILY, to: '+15125550100', body: 'STOP' }),
    });
    expect(response.status).toBe(403);
  });
});
