import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBillingService } from '../../../src/billing/start';
import type { BillingServiceHandle } from '../../../src/billing/start';

/** Given a certificate and key, the service answers HTTPS only. */
const dir = mkdtempSync(join(tmpdir(), 'sms-desk-billing-tls-'));
let service: BillingServiceHandle;
let cert: Buffer;

beforeAll(async () => {
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
  ], { stdio: 'ignore' });
  cert = readFileSync(join(dir, 'cert.pem'));
  service = await startBillingService({
    dataFile: join(dir, 'billing.sqlite'),
    stripe: { secretKey: 'sk_test_unused_here', host: '127.0.0.1', port: 9, protocol: 'http' },
    tls: { cert, key: readFileSync(join(dir, 'key.pem')) },
    log: () => undefined,
  });
});
afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

function get(url: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca: cert, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('billing service over HTTPS', () => {
  it('answers on https:// and a token works', async () => {
    expect(service.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const token = await service.issueToken('Tumble Town Gym');
    const answer = await get(`${service.url}/v1/balance`, token);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ paidPurchases: 0, paidCredits: 0, paidTotals: [] });
  });

  it('plain http to the same port gets no answer', async () => {
    const plain = service.url.replace('https://', 'http://');
    await expect(fetch(`${plain}/v1/balance`)).rejects.toThrow();
  });
});
