import { describe, expect, it } from 'vitest';
import type { DatabaseSync } from 'node:sqlite';
import { openDatabase } from '../../../src/main/adapters/sqlite/db';
import { SqliteConsentStore } from '../../../src/main/adapters/sqlite/stores/consent-store';
import { MemorySettingsStore } from '../../../src/main/adapters/settings/memory-settings-store';
import { SqliteStorage } from '../../../src/main/adapters/sqlite/sqlite-storage';
import { LocalEventBus } from '../../../src/main/core/ports/event-bus';
import { createSendingModule, RecipientReader, type RecipientFacts } from '../../../src/main/core/sending';
import { applyRecipientRules } from '../../../src/main/core/sending/recipient-reader';
import type { ConsentState } from '../../../src/shared/contract';
import { entriesOf, random, realLookingList, rulesEntryByEntry } from '../../support/recipient-lists';
import type { Caller } from '../../../src/main/core/router';
import { toE164All } from '../../../src/shared/phone/e164';
import { ALWAYS_OPEN } from '../../../src/main/app/standalone-engine';

const numbers = (count: number): string[] => Array.from({ length: count }, (_, i) => `+1512555${String(i).padStart(4, '0')}`);
const caller: Caller = { staffId: 'dana', name: 'Dana', permissions: ['sendMassSms'], locked: false };

/** Counts every execution of every prepared statement on the connection. */
function countingDb(db: DatabaseSync): { db: DatabaseSync; runs: () => number } {
  let runs = 0;
  const prepare = db.prepare.bind(db);
  const counted = new Proxy(db, {
    get(target, key) {
      if (key !== 'prepare') return Reflect.get(target, key) as unknown;
      return (sql: string) => {
        const statement = prepare(sql);
        for (const method of ['get', 'all', 'run', 'iterate'] as const) {
          const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
          (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
            runs++;
            return original(...args);
          };
        }
        return statement;
      };
    },
  });
  return { db: counted, runs: () => runs };
}

describe('recipient look-ups scale with the list, not with calls', () => {
  it('reads the consent of 5,000 numbers with one statement, in order, unknown numbers as never', () => {
    const db = openDatabase(':memory:');
    const optedIn = db.prepare("INSERT INTO consent (phone, state, updated_at) VALUES (?, ?, 1)");
    const list = numbers(5_000);
    list.forEach((phone, i) => {
      if (i % 3 === 0) optedIn.run(phone, 'opted_in');
      if (i % 3 === 1) optedIn.run(phone, 'opted_out');
    });
    const { db: counted, runs } = countingDb(db);
    const store = new SqliteConsentStore(counted);
    const asked = [...list, list[0]!, '+19995550000'];
    const states = store.statesOf(asked);
    expect(runs()).toBe(1);
    expect(states).toHaveLength(asked.length);
    expect(states.slice(0, 3)).toEqual(['opted_in', 'opted_out', 'never']);
    expect(states.at(-2)).toBe('opted_in');
    expect(states.at(-1)).toBe('never');
    expect(store.statesOf([])).toEqual([]);
  });

  it('parses a repeated number once and gives each place in the list its own answer', () => {
    const parsed = toE164All(['(512) 555-0100', 'nope', '(512) 555-0100', ''], 'US');
    expect(parsed).toEqual([
      { ok: true, e164: '+15125550100' },
      { ok: false, reason: 'Not a valid phone number.' },
      { ok: true, e164: '+15125550100' },
      { ok: false, reason: 'No phone number.' },
    ]);
  });
});

describe('a list read once per number, the rules applied per entry', () => {
  // Consent by the number's last digit: opted in, opted out and never all occur, repeats included.
  const stateOf = (phone: string): ConsentState => (['opted_in', 'opted_in', 'opted_in', 'opted_out', 'never'] as const)[Number(phone.at(-1)) % 5]!;
  const consentStore = { statesOf: (phones: readonly string[]) => Promise.resolve(phones.map(stateOf)) };

  it('gives every entry of a random list the parse toE164All gives and its number’s consent, each distinct number listed once', async () => {
    const reader = new RecipientReader(consentStore);
    for (const [seed, country] of [[31, 'US'], [32, 'GB'], [33, 'CA'], [34, 'AU']] as const) {
      const list = realLookingList(seed, 3_000);
      const facts = await reader.read(list, country);
      const parsed = toE164All(list, country);
      expect(entriesOf(facts)).toEqual({ parsed, consent: parsed.map((p) => (p.ok ? stateOf(p.e164) : 'never')) });
      expect(facts.numbers).toEqual([...new Set(parsed.flatMap((p) => (p.ok ? [p.e164] : [])))]);
      expect(facts.consent).toEqual(facts.numbers.map(stateOf));
    }
  });

  it('leaves out and keeps exactly the entries the rules applied entry by entry do, with the same reasons, in order', async () => {
    const reader = new RecipientReader(consentStore);
    const next = random(40);
    for (const [seed, country] of [[41, 'US'], [42, 'GB'], [43, 'US']] as const) {
      // Real-looking entries, and the same numbers again written differently (a duplicate by number, not by text).
      const base = realLookingList(seed, 2_000);
      const list = [...base, ...base.filter(() => next() < 0.2).map((raw) => ` ${raw} `)];
      const facts = await reader.read(list, country);
      const parsed = toE164All(list, country);
      const consent = parsed.map((p) => (p.ok ? stateOf(p.e164) : 'never'));
      for (const requireOptIn of [true, false]) {
        const checked = applyRecipientRules(list, facts, { requireOptIn });
        expect(checked).toEqual(rulesEntryByEntry(list, parsed, consent, { requireOptIn }));
        expect(checked.skipped.some((s) => s.reason.startsWith('Same number'))).toBe(true);
        expect(checked.skipped.some((s) => s.reason.startsWith('Opted out'))).toBe(true);
      }
    }
  });

  it('answers an entry the facts do not cover as not a number', () => {
    const facts: RecipientFacts = { numbers: ['+15125550100'], consent: ['opted_in'], at: new Int32Array([0, -1]), reasons: ['No phone number.'] };
    expect(applyRecipientRules(['(512) 555-0100', ' ', 'extra'], facts, { requireOptIn: true })).toEqual({
      recipients: ['+15125550100'],
      skipped: [{ input: ' ', reason: 'No phone number.' }, { input: 'extra', reason: 'Not a valid phone number.' }],
    });
  });
});

describe('the engine reads big recipient lists where it runs', () => {
  function desk() {
    const db = openDatabase(':memory:');
    const storage = new SqliteStorage(db);
    const settings = new MemorySettingsStore();
    settings.update({ messageOptions: { ...settings.read().messageOptions, header: '', footer: '', availableHours: ALWAYS_OPEN } });
    const readElsewhere: Array<{ raws: readonly string[]; country: string }> = [];
    // The engine's own reader, on its own stores: as the sending thread has.
    const elsewhere = new RecipientReader(new SqliteStorage(db).consent);
    const sending = createSendingModule({
      storage,
      settings,
      clock: { now: () => 1_700_000_000_000 },
      events: new LocalEventBus(),
      audit: () => undefined,
      carrier: { connect: () => Promise.reject(new Error('no carrier here')) },
      engine: () => ({
        start: () => undefined,
        stop: () => Promise.resolve(),
        notify: () => undefined,
        status: () => ({ paused: {}, inFlight: 0 }),
        readRecipients: (raws: readonly string[], country: string): Promise<RecipientFacts | null> => {
          readElsewhere.push({ raws, country });
          return elsewhere.read(raws, country);
        },
      }),
    });
    const optedIn = db.prepare("INSERT INTO consent (phone, state, updated_at) VALUES (?, 'opted_in', 1)");
    return { sending, readElsewhere, optIn: (list: string[]) => list.forEach((p) => optedIn.run(p)) };
  }

  it('the estimate and the send both read the list through the engine, and the figures agree', async () => {
    const { sending, readElsewhere, optIn } = desk();
    await sending.ready;
    const list = numbers(800);
    optIn(list.slice(0, 700));
    const asked = [...list, 'not a number', list[0]!];
    const estimate = await sending.sends.estimateMass({ recipients: asked, body: 'Open gym tonight.' }, caller);
    expect(readElsewhere).toEqual([{ raws: asked, country: 'US' }]);
    const queued = await sending.sends.queueMass({ recipients: asked, body: 'Open gym tonight.', timing: { kind: 'now' } }, caller);
    expect(readElsewhere).toHaveLength(2);
    expect(estimate.recipients).toBe(700);
    expect(queued.batch.recipients).toBe(estimate.recipients);
    expect(queued.skipped).toEqual(estimate.skipped);
    expect(estimate.skipped).toHaveLength(102);
  });

  it('keeps the last list’s parse but reads consent afresh each time', async () => {
    const db = openDatabase(':memory:');
    const { db: counted, runs } = countingDb(db);
    const store = new SqliteConsentStore(counted);
    const reader = new RecipientReader({ statesOf: (phones) => Promise.resolve(store.statesOf(phones)) });
    const list = numbers(600);
    const first = await reader.read(list, 'US');
    expect(first.consent.every((state) => state === 'never')).toBe(true);
    db.prepare("INSERT INTO consent (phone, state, updated_at) VALUES (?, 'opted_out', 1)").run(list[3]!);
    const again = await reader.read(list, 'US');
    expect(again.numbers).toBe(first.numbers);
    expect(again.at).toBe(first.at);
    expect(again.consent[3]).toBe('opted_out');
    expect(runs()).toBe(2);
  });

  it('parses with the list parser it is given, and parses again after a parse that failed', async () => {
    const list = numbers(3);
    let calls = 0;
    const reader = new RecipientReader({ statesOf: (phones) => Promise.resolve(phones.map(() => 'opted_in' as const)) }, (raws, country) => {
      calls++;
      return calls === 1 ? Promise.reject(new Error('helper gone')) : Promise.resolve(toE164All(raws, country));
    });
    await expect(reader.read(list, 'US')).rejects.toThrow('helper gone');
    const facts = await reader.read(list, 'US');
    expect(entriesOf(facts).parsed).toEqual(toE164All(list, 'US'));
    expect(facts.consent).toEqual(['opted_in', 'opted_in', 'opted_in']);
    await reader.read(list, 'US');
    expect(calls).toBe(2);
  });
});
