import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PaymentSimulator } from '../../../src/main/sandbox/payments/simulator';
import { call } from './service-harness';
import { SECRET_KEY } from './with-simulator';

/** `npm run billing-service`: the Stripe key from the environment, one line with the URL, tokens from the command line. */
const cli = join(import.meta.dirname, '../../../src/billing/cli.ts');
const dir = mkdtempSync(join(tmpdir(), 'sms-desk-billing-cli-'));
const dataFile = join(dir, 'billing.sqlite');
const children: ChildProcess[] = [];
let simulator: { baseUrl: string; stop(): Promise<void> };

function run(args: string[], env: Record<string, string> = {}): { child: ChildProcess; firstLine: Promise<string>; exit: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString();
      const newline = stdout.indexOf('\n');
      if (newline >= 0) resolve(stdout.slice(0, newline));
    });
    child.once('exit', () => reject(new Error(`exited before printing: ${stderr}`)));
  });
  firstLine.catch(() => undefined);
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
  return { child, firstLine, exit };
}

beforeAll(async () => {
  simulator = await new PaymentSimulator().start({ secretKey: SECRET_KEY });
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await simulator.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('billing-service command line', () => {
  it('serves with the key from the environment, prints its URL; issue-token and revoke-token work on its file', async () => {
    const issued = run(['issue-token', '--data', dataFile, '--business', 'Tumble Town Gym']);
    const token = await issued.firstLine;
    expect(token).toMatch(/^sdb_[0-9a-f]{16}\.[A-Za-z0-9_-]{43}$/);
    expect((await issued.exit).code).toBe(0);

    const served = run(['--port', '0', '--data', dataFile, '--stripe-base-url', simulator.baseUrl], { SMS_DESK_BILLING_STRIPE_SECRET_KEY: SECRET_KEY });
    const url = await served.firstLine;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await call(url, '/v1/balance', { token })).status).toBe(200);
    const purchase = await call(url, '/v1/purchases', { method: 'POST', token, body: JSON.stringify({ credits: 500, country: 'US' }) });
    expect(purchase).toMatchObject({ status: 201, body: { status: 'open', checkoutUrl: expect.stringContaining(simulator.baseUrl) } });

    const revoked = run(['revoke-token', '--data', dataFile, '--token-id', token.slice(4, 20)]);
    expect(await revoked.firstLine).toBe('revoked');
    expect((await call(url, '/v1/balance', { token })).status).toBe(401);
    served.child.kill('SIGTERM');
    expect((await served.exit).code).toBe(0);
  });

  it('refuses plain HTTP beyond this computer, and a missing key', async () => {
    const open = run(['--port', '0', '--host', '0.0.0.0', '--data', dataFile], { SMS_DESK_BILLING_STRIPE_SECRET_KEY: SECRET_KEY });
    await expect(open.exit).resolves.toMatchObject({ code: 2, stderr: expect.stringMatching(/127\.0\.0\.1 only/) });
    const keyless = run(['--port', '0', '--data', dataFile], { SMS_DESK_BILLING_STRIPE_SECRET_KEY: '' });
    await expect(keyless.exit).resolves.toMatchObject({ code: 2, stderr: expect.stringMatching(/usage/) });
  });
});
