import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../src/main/adapters/sqlite/db';
import { SendingThread } from '../../../src/main/app/sending-thread/thread-host';
import * as phone from '../../../src/shared/phone/e164';
import { ALWAYS_OPEN } from '../../../src/main/app/standalone-engine';
import { entriesOf } from '../../support/recipient-lists';

// Counts parses on this (the main) thread; the sending thread loads its own copy of the module.
vi.mock('../../../src/shared/phone/e164', async (original) => {
  const actual = await original<typeof phone>();
  return { ...actual, toE164All: vi.fn(actual.toE164All) };
});

const list = (count: number): string[] => Array.from({ length: count }, (_, i) => (i % 10 === 9 ? `(512) 555-${String(i).padStart(4, '0')}` : `+1737555${String(i).padStart(4, '0')}`));

describe('a big recipient list is read in the sending thread', () => {
  let dir: string | null = null;
  let thread: SendingThread | null = null;
  let errors: unknown[] = [];
  afterEach(async () => {
    await thread?.stop();
    thread = null;
    if (dir !== null) rmSync(dir, { recursive: true, force: true });
    dir = null;
    vi.mocked(phone.toE164All).mockClear();
  });

  function startThread(): SendingThread {
    dir = mkdtempSync(join(tmpdir(), 'sms-desk-parse-'));
    const dbFile = join(dir, 'desk.sqlite');
    const db = openDatabase(dbFile);
    db.prepare("INSERT INTO consent (phone, state, updated_at) VALUES ('+17375550002', 'opted_in', 1), ('+15125550009', 'opted_out', 1)").run();
    db.close();
    errors = [];
    thread = new SendingThread({
      dbFile,
      pacing: () => ({ messagesPerSecond: null, availableHours: ALWAYS_OPEN }),
      connection: () => Promise.reject(new Error('nothing is sent here')),
      onChange: () => undefined,
      optOut: () => undefined,
      logError: (_m, e) => errors.push(e),
    });
    thread.start();
    return thread;
  }

  it('gives the same answers as reading on main, without parsing on the main thread', async () => {
    const host = startThread();
    const raws = [...list(3_000), 'not a number', '', '+17375550001'];
    const facts = await host.readRecipients(raws, 'US');
    expect(vi.mocked(phone.toE164All)).not.toHaveBeenCalled();
    const expected = vi.mocked(phone.toE164All).getMockImplementation()!(raws, 'US');
    const entries = entriesOf(facts!);
    expect(entries.parsed).toEqual(expected);
    expect(entries.parsed.at(-3)).toEqual({ ok: false, reason: 'Not a valid phone number.' });
    expect(entries.parsed[9]).toEqual({ ok: true, e164: '+15125550009' });
    expect(entries.consent.slice(0, 3)).toEqual(['never', 'never', 'opted_in']);
    expect(entries.consent[9]).toBe('opted_out');
    expect(entries.consent).toHaveLength(raws.length);
    expect(errors).toEqual([]);
  });

  it('answers compactly: each distinct number and its consent once, and where each entry’s number is', async () => {
    const host = startThread();
    // Every number twice, the second time as staff type it: 6,000 entries, 3,000 numbers.
    const once = list(3_000);
    const raws = [...once, ...once.map((raw) => (raw.startsWith('+1') ? `(${raw.slice(2, 5)}) ${raw.slice(5, 8)}-${raw.slice(8)}` : raw))];
    const facts = await host.readRecipients(raws, 'US');
    expect(facts!.numbers).toHaveLength(3_000);
    expect(facts!.consent).toHaveLength(3_000);
    expect(facts!.at).toBeInstanceOf(Int32Array);
    expect(facts!.at).toHaveLength(6_000);
    expect(facts!.at[3_002]).toBe(facts!.at[2]);
    expect(facts!.consent[facts!.at[2]!]).toBe('opted_in');
  });

  it('leaves a short list, or any list while the thread is not running, to the main thread', async () => {
    const host = startThread();
    expect(await host.readRecipients(['+15125550100'], 'US')).toBeNull();
    await host.stop();
    expect(await host.readRecipients(list(1_000), 'US')).toBeNull();
  });
});
