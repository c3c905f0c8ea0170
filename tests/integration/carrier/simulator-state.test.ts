import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { TwilioCarrier } from '../../../src/main/adapters/twilio/twilio-carrier';
import { TwilioSimulator } from '../../../src/main/sandbox/simulator';
import { ACCOUNT_SID, AUTH_TOKEN } from './sim-harness';

/** State survives a simulator restart; the CLI serves the same simulator on its own. */
const dir = mkdtempSync(path.join(tmpdir(), 'sim-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const carrierFor = (baseUrl: string) => new TwilioCarrier({ credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }, baseUrl });

describe('state file', () => {
  it('keeps messages, numbers, opt-outs, brands and the clock across a restart', async () => {
    const file = path.join(dir, 'restart.json');
    const first = new TwilioSimulator();
    const a = await first.start({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, stateFile: file, isv: true, settings: { enforceA2p: false } });
    const boot = first.bootstrap();
    const ours = boot.phoneNumbers[0] ?? '';
    const sent = await carrierFor(a.baseUrl).sendMessage({ to: '+15125550170', body: 'before restart', messagingServiceSid: boot.messagingServiceSid });
    first.injectInbound({ from: '+15125550171', to: ours, body: 'STOP' });
    first.advanceClock(3_600_000);
    const clockBefore = first.now();
    await a.stop();
    const onDisk = JSON.parse(readFileSync(file, 'utf8')) as { messages: unknown[] };
    expect(onDisk.messages.length).toBeGreaterThanOrEqual(2);

    const second = new TwilioSimulator();
    const b = await second.start({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, stateFile: file, mps: 3, isv: true });
    try {
      const carrier = carrierFor(b.baseUrl);
      expect(await carrier.fetchMessage(sent.sid)).toMatchObject({ status: 'delivered', body: 'before restart' });
      expect(await rejectionCode(carrier.sendMessage({ to: '+15125550171', body: 'x', messagingServiceSid: boot.messagingServiceSid }))).toBe(21610);
      expect(second.now()).toBeGreaterThanOrEqual(clockBefore);
      expect(second.settings().mps).toBe(3);
      expect(second.primaryCustomerProfileSid).toMatch(/^BU/);
      expect(second.primaryCustomerProfileSid).toBe(first.primaryCustomerProfileSid);
    } finally {
      await b.stop();
    }
  });

  it('writes atomically: no temp files are left behind', async () => {
    const file = path.join(dir, 'atomic.json');
    const sim = new TwilioSimulator();
    const h = await sim.start({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, stateFile: file });
    sim.bootstrap();
    await h.stop();
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8').length).toBeGreaterThan(10);
    const leftovers = readdirSync(dir).filter((f) => f.startsWith('atomic.json.'));
    expect(leftovers).toEqual([]);
  });
});

describe('unreadable state file', () => {
  it('is moved aside and the simulator starts with a fresh account', async () => {
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, '{"version": 1, "messages": [');
    const sim = new TwilioSimulator();
    const warned = new Promise<string>((resolve) => process.once('warning', (w) => resolve(w.message)));
    const h = await sim.start({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, stateFile: file });
    try {
      expect(await warned).toMatch(/moved to/);
      expect(sim.messages()).toEqual([]);
      expect(readdirSync(dir).some((f) => f.startsWith('broken.json.corrupt-'))).toBe(true);
    } finally {
      await h.stop();
    }
  });
});

async function rejectionCode(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
    return 'resolved';
  } catch (error) {
    return (error as { code?: unknown }).code;
  }
}

describe('command line', () => {
  it('prints its base URL, serves the API and flushes state on SIGTERM', async () => {
    const file = path.join(dir, 'cli.json');
    const cli = path.resolve(__dirname, '../../../src/main/sandbox/cli.ts');
    const tsx = path.resolve(__dirname, '../../../node_modules/tsx/dist/cli.mjs');
    const child = spawn(process.execPath, [tsx, cli, '--port', '0', '--account-sid', ACCOUNT_SID, '--auth-token', AUTH_TOKEN, '--mps', '4', '--max-concurrency', '7', '--state', file, '--open-control', '--isv', '--list-lag-ms', '250'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', () => reject(new Error('simulator exited early')));
      });
      expect(line).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const settings = (await (await fetch(`${line}/__sim/settings`)).json()) as { mps: number; maxConcurrency: number };
      expect(settings).toMatchObject({ mps: 4, maxConcurrency: 7, listLagMs: 250, enforceA2p: true });
      // --isv: the account is an ISV parent with its approved Primary Customer Profile.
      const info = (await (await fetch(`${line}/__sim/info`)).json()) as { primaryCustomerProfileSid: string };
      expect(info.primaryCustomerProfileSid).toMatch(/^BU[0-9a-f]{32}$/);
      const numbers = await carrierFor(line).searchAvailableNumbers('512', 3);
      expect(numbers).toHaveLength(3);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(existsSync(file)).toBe(true);
  });

  it('refuses to start without credentials', async () => {
    const cli = path.resolve(__dirname, '../../../src/main/sandbox/cli.ts');
    const tsx = path.resolve(__dirname, '../../../node_modules/tsx/dist/cli.mjs');
    const child = spawn(process.execPath, [tsx, cli, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/usage/);
  });
});
