import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { PaymentSimulator } from '../../../src/main/sandbox/payments/simulator';
import { SECRET_KEY, packSession, sdkFor, startPayHarness, startReceiver } from './harness';

const dir = mkdtempSync(path.join(tmpdir(), 'payments-sim-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = path.resolve(__dirname, '../../../src/main/sandbox/payments/cli.ts');
const tsx = path.resolve(__dirname, '../../../node_modules/tsx/dist/cli.mjs');

function launch(args: string[]): { child: ChildProcessByStdio<null, Readable, Readable>; url: Promise<string>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [tsx, cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', () => reject(new Error('payment simulator exited early')));
  });
  // A launch that is meant to fail never prints a URL.
  url.catch(() => undefined);
  return { child, url, exited };
}

describe('state file', () => {
  it('a restarted simulator still has its sessions, payments and idempotency keys', async () => {
    const stateFile = path.join(dir, 'restart.json');
    const first = await startPayHarness({ stateFile });
    const s = await packSession(first.stripe);
    await first.control('POST', `checkout/${s.id}/pay`);
    const pi = await first.stripe.paymentIntents.create({ amount: 700, currency: 'usd', payment_method: 'pm_card_visa', confirm: true }, { idempotencyKey: 'kept' });
    await first.stop();

    const sim = new PaymentSimulator();
    const again = await sim.start({ secretKey: SECRET_KEY, stateFile });
    try {
      const stripe = sdkFor(again.baseUrl);
      expect(await stripe.checkout.sessions.retrieve(s.id)).toMatchObject({ status: 'complete', payment_status: 'paid' });
      const replay = await stripe.paymentIntents.create({ amount: 700, currency: 'usd', payment_method: 'pm_card_visa', confirm: true }, { idempotencyKey: 'kept' });
      expect(replay.id).toBe(pi.id);
      expect((await stripe.events.list({ type: 'checkout.session.completed' })).data).toHaveLength(1);
    } finally {
      await again.stop();
    }
  });

  it('writes nothing after stop, even if something changes late', async () => {
    const stateFile = path.join(dir, 'late.json');
    const sim = new PaymentSimulator();
    const handle = await sim.start({ secretKey: SECRET_KEY, stateFile });
    await handle.stop();
    expect(existsSync(stateFile)).toBe(true);
    rmSync(stateFile);
    vi.useFakeTimers();
    try {
      // As a webhook answer arriving after stop would.
      sim.advanceClock(1000);
      vi.runAllTimers();
    } finally {
      vi.useRealTimers();
    }
    expect(existsSync(stateFile)).toBe(false);
  });
});

describe('control API access', () => {
  it('is closed unless asked for, and never answers a web page', async () => {
    const closed = new PaymentSimulator();
    const handle = await closed.start({ secretKey: SECRET_KEY });
    try {
      const s = await packSession(sdkFor(handle.baseUrl));
      expect((await fetch(`${handle.baseUrl}/__sim/checkout/${s.id}/pay`, { method: 'POST' })).status).toBe(403);
      expect((await sdkFor(handle.baseUrl).checkout.sessions.retrieve(s.id)).status).toBe('open');
    } finally {
      await handle.stop();
    }
    const open = await startPayHarness();
    try {
      const fromPage = await fetch(`${open.baseUrl}/__sim/health`, { headers: { Origin: 'http://evil.example' } });
      expect(fromPage.status).toBe(403);
      expect((await open.control('GET', 'health')).body).toEqual({ ok: true });
    } finally {
      await open.stop();
    }
  });
});

describe('command line', () => {
  it('prints its base URL, answers the SDK, sends signed webhooks and flushes state on SIGTERM', async () => {
    const stateFile = path.join(dir, 'cli.json');
    const receiver = await startReceiver();
    const whsec = 'whsec_cliWebhookSecret000111';
    const { child, url, exited } = launch([
      '--port', '0', '--secret-key', SECRET_KEY, '--state', stateFile, '--open-control', '--webhook-url', receiver.url, '--webhook-secret', whsec,
    ]);
    try {
      const line = await url;
      expect(line).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const s = await packSession(sdkFor(line));
      expect(s.url).toBe(`${line}/checkout/${s.id}`);
      expect((await fetch(`${line}/__sim/checkout/${s.id}/pay`, { method: 'POST' })).status).toBe(200);
      await receiver.waitFor((r) => r.some((d) => d.body.includes('checkout.session.completed')));
      const delivery = receiver.received.find((d) => d.body.includes('checkout.session.completed'));
      const event = sdkFor(line).webhooks.constructEvent(delivery?.body as string, delivery?.headers['stripe-signature'] as string, whsec);
      expect(event.type).toBe('checkout.session.completed');
    } finally {
      child.kill('SIGTERM');
      await receiver.stop();
    }
    expect(await exited).toBe(0);
    expect(existsSync(stateFile)).toBe(true);
  });

  it('refuses to start without a test secret key', async () => {
    for (const args of [['--port', '0'], ['--port', '0', '--secret-key', 'sk_live_realKey123456']]) {
      const { child, exited } = launch(args);
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      expect(await exited).toBe(2);
      expect(stderr).toMatch(/usage|sk_test_/);
    }
  });
});
