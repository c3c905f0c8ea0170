import { readFileSync } from 'node:fs';
import path from 'node:path';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packSession, startPayHarness } from './harness';
import type { PayHarness } from './harness';

/** Stripe's own example of each object (tests/fixtures/stripe, from Stripe's openapi repository). */
const fixtures = (JSON.parse(readFileSync(path.resolve(__dirname, '../../fixtures/stripe/fixtures3.json'), 'utf8')) as {
  resources: Record<string, Record<string, unknown>>;
}).resources;

/** Keys whose contents are data, not shape (metadata) or another object altogether (an event's payload). */
const OPAQUE = new Set(['metadata', 'data']);

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every key the fixture has, at every depth where both sides hold an object, as `a.b.c` paths. */
function missingKeys(fixture: Record<string, unknown>, actual: Record<string, unknown>, at = ''): string[] {
  const missing: string[] = [];
  for (const [key, value] of Object.entries(fixture)) {
    const where = `${at}${key}`;
    if (!Object.hasOwn(actual, key)) {
      missing.push(where);
      continue;
    }
    const mine = actual[key];
    if (!OPAQUE.has(key) && isPlainObject(value) && isPlainObject(mine)) missing.push(...missingKeys(value, mine, `${where}.`));
  }
  return missing;
}

let h: PayHarness;
const objects: Record<string, Record<string, unknown>[]> = {};
const add = (type: string, obj: unknown): void => {
  (objects[type] ??= []).push(obj as Record<string, unknown>);
};

beforeAll(async () => {
  h = await startPayHarness();
  const customer = await h.stripe.customers.create({ email: 'owner@gym.example' });
  add('customer', customer);
  const s = await packSession(h.stripe, { customer: customer.id });
  add('checkout.session', s);
  await h.control('POST', `checkout/${s.id}/decline`);
  const declined = await h.stripe.checkout.sessions.retrieve(s.id, { expand: ['payment_intent.latest_charge'] });
  add('payment_intent', declined.payment_intent);
  add('charge', (declined.payment_intent as Stripe.PaymentIntent).latest_charge);
  await h.control('POST', `checkout/${s.id}/pay`);
  const paid = await h.stripe.checkout.sessions.retrieve(s.id, { expand: ['payment_intent.latest_charge', 'payment_intent.payment_method'] });
  add('checkout.session', { ...paid, payment_intent: (paid.payment_intent as Stripe.PaymentIntent).id });
  add('payment_intent', paid.payment_intent);
  add('charge', (paid.payment_intent as Stripe.PaymentIntent).latest_charge);
  add('payment_method', (paid.payment_intent as Stripe.PaymentIntent).payment_method);
  const setup = await h.stripe.checkout.sessions.create({ mode: 'setup', customer: customer.id, currency: 'usd', success_url: 'http://x/ok' });
  await h.control('POST', `checkout/${setup.id}/pay`);
  const saved = await h.stripe.checkout.sessions.retrieve(setup.id, { expand: ['setup_intent'] });
  add('setup_intent', saved.setup_intent);
  add('checkout.session', { ...saved, setup_intent: (saved.setup_intent as Stripe.SetupIntent).id });
  for (const e of (await h.stripe.events.list({ limit: 100 })).data) add('event', e);
});
afterAll(() => h.stop());

describe("answers have every key of Stripe's own example objects", () => {
  it.each(['checkout.session', 'payment_intent', 'charge', 'customer', 'payment_method', 'setup_intent', 'event'])('%s', (type) => {
    const fixture = fixtures[type] as Record<string, unknown>;
    const seen = objects[type] ?? [];
    expect(seen.length).toBeGreaterThan(0);
    for (const obj of seen) {
      expect(obj.object).toBe(fixture.object);
      expect(missingKeys(fixture, obj)).toEqual([]);
    }
  });

  it('ids carry Stripe prefixes and amounts are integer minor units', () => {
    const prefixes: Record<string, RegExp> = {
      'checkout.session': /^cs_test_/, payment_intent: /^pi_/, charge: /^ch_/, customer: /^cus_/, payment_method: /^pm_/, setup_intent: /^seti_/, event: /^evt_/,
    };
    for (const [type, re] of Object.entries(prefixes)) for (const obj of objects[type] ?? []) expect(obj.id).toMatch(re);
    for (const pi of objects.payment_intent ?? []) expect(Number.isInteger(pi.amount)).toBe(true);
  });
});
