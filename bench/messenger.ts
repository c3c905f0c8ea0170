/**
 * `npm run bench -- --messenger`: the Messenger Center at a busy year of replies. Seeds 200,000
 * messages in 20,000 conversations (150,000 families' replies, 7 or 8 per number, and 50,000
 * texts sent: ten mass sends of 5,000) into a real SQLite file, through the app's own tables
 * and triggers, with 2,000 contacts named. Then measures, in this process as main runs them
 * (input checked by the contract, the handler, the output checked), the five calls the screen
 * makes: the thread list's first page, opening a conversation, a search, mark read and the
 * unread count; plus the next page of the list and each filter's first page. p50/p95/max per
 * call over SAMPLES runs. Target: p95 < 30 ms each. Prints progress, then ONE line of JSON, last.
 *
 * Alone: node --import tsx bench/messenger.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/main/adapters/sqlite/db';
import { SqliteStorage } from '../src/main/adapters/sqlite/sqlite-storage';
import { ConfSettingsStore } from '../src/main/adapters/settings/conf-settings-store';
import { createMessengerModule } from '../src/main/core/messenger';
import { LocalEventBus } from '../src/main/core/ports/event-bus';
import type { Caller, HandlerContext } from '../src/main/core/router';
import { ConsentService } from '../src/main/core/sending/consent-service';
import type { SendService } from '../src/main/core/sending/send-service';
import { contract, type Channel } from '../src/shared/contract';

export const MESSENGER_TARGET_P95_MS = 30;
const THREADS = Number(process.env.BENCH_THREADS ?? 20_000);
const REPLIES = Number(process.env.BENCH_REPLIES ?? 150_000);
const SENDS = 10;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const START = Date.UTC(2026, 0, 5, 14);
const YEAR_MS = 365 * 24 * 3600_000;

const WORDS = ('practice swim meet pool class level gym coach tonight tomorrow late sorry thanks running sick cancel '
  + 'payment invoice card schedule friday monday saturday pickup dropoff parking uniform leotard goggles towel birthday '
  + 'party makeup lesson trial waitlist question help call please yes no maybe ok great awesome weather storm closed open '
  + 'ribbon trophy competition team tryout beginner advanced tumble bars beam vault floor trampoline dance recital costume').split(' ');

const phoneOf = (i: number) => `+1512${String(2_000_000 + i).padStart(7, '0')}`;

/** A deterministic pseudo-random stream, so every run seeds the same data. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

function seed(db: ReturnType<typeof openDatabase>): void {
  const next = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const sentence = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  db.exec('BEGIN');
  db.prepare("INSERT INTO staff (id, name, secret_hash, created_at) VALUES ('bench', 'Bench', 'x', 0)").run();
  const reply = db.prepare("INSERT INTO inbound_messages (mode, carrier_sid, phone, body, at) VALUES ('sandbox', ?, ?, ?, ?)");
  for (let i = 0; i < REPLIES; i++) {
    const at = START + Math.floor((i / REPLIES) * YEAR_MS);
    reply.run(`SM${String(i).padStart(32, '0')}`, phoneOf(Math.floor(next() * THREADS)), `${sentence(4 + Math.floor(next() * 12))}?`, at);
  }
  const batch = db.prepare(`INSERT INTO send_batches (mode, kind, body, text, segments, recipients, recipient_count, expanded, honor_hours, validity_seconds, created_at)
    VALUES ('sandbox', 'mass', ?, ?, 1, '[]', ?, 1, 1, 14400, ?)`);
  const row = db.prepare("INSERT INTO outbox (batch_id, to_number, credits, state, updated_at, mode) VALUES (?, ?, 1, 'delivered', ?, 'sandbox')");
  const perSend = (THREADS * 2.5) / SENDS;
  for (let b = 0; b < SENDS; b++) {
    const at = START + Math.floor(((b + 0.5) / SENDS) * YEAR_MS);
    const text = `Tumble Town: ${sentence(12)}. Reply STOP to opt out.`;
    const id = Number(batch.run(text, text, perSend, at).lastInsertRowid);
    for (let r = 0; r < perSend; r++) row.run(id, phoneOf((b * perSend + r) % THREADS), at);
  }
  // A busy desk reads most of what comes in; a quarter is still waiting.
  db.prepare("UPDATE threads SET read_up_to = last_reply_id, unread = 0 WHERE mode = 'sandbox' AND (abs(random()) % 4) <> 0").run();
  db.prepare("UPDATE threads SET handled_up_to = last_reply_id, handled_at = last_at, handled_by = 'bench' WHERE mode = 'sandbox' AND (abs(random()) % 2) = 0").run();
  db.prepare("UPDATE threads SET assigned_to = 'bench', assigned_at = last_at WHERE mode = 'sandbox' AND (abs(random()) % 10) = 0").run();
  const contact = db.prepare(`INSERT INTO contacts (kind, first_name, last_name, sort_key, created_at, updated_at) VALUES ('guardian', ?, ?, ?, 0, 0)`);
  const contactPhone = db.prepare('INSERT INTO contact_phones (contact_id, phone, position) VALUES (?, ?, 1)');
  for (let c = 0; c < THREADS / 10; c++) {
    const id = Number(contact.run(`Parent${c}`, `Family${c}`, `family${c} parent${c}`).lastInsertRowid);
    contactPhone.run(id, phoneOf(c * 10));
  }
  db.exec('COMMIT');
  db.exec('ANALYZE');
  // As a desk's file is after a year of use: the write-ahead log folded into the database.
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
}

const caller: Caller = { staffId: 'bench', name: 'Bench', permissions: ['messengerCenter', 'adminAccess'], locked: false };
const ctx: HandlerContext = { sessionId: 'bench', caller };

interface Figures { p50: number; p95: number; max: number }
const round2 = (n: number) => Math.round(n * 100) / 100;
function figures(times: number[]): Figures {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: round2(at(0.5)), p95: round2(at(0.95)), max: round2(sorted.at(-1)!) };
}

export async function measureMessenger(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)) {
  const dir = mkdtempSync(join(tmpdir(), 'sms-desk-messenger-bench-'));
  try {
    // BENCH_MESSENGER_DB=<file>: seed that file once and reuse it on later runs (trying changes quickly).
    const reuse = process.env.BENCH_MESSENGER_DB;
    const db = openDatabase(reuse ?? join(dir, 'sms-desk.sqlite'));
    const seededAt = performance.now();
    if ((db.prepare('SELECT COUNT(*) AS n FROM inbound_messages').get() as { n: number }).n === 0) seed(db);
    log(`seeded ${REPLIES + THREADS * 2.5} messages in ${THREADS} conversations in ${Math.round(performance.now() - seededAt)} ms`);
    const storage = new SqliteStorage(db);
    const settings = new ConfSettingsStore(dir);
    const clock = { now: () => START + YEAR_MS };
    const consent = new ConsentService(storage, settings, clock, null as unknown as SendService);
    const { handlers } = createMessengerModule({
      storage, settings, clock, events: new LocalEventBus(), consent, sends: null as unknown as SendService,
      connect: () => Promise.resolve(null),
    });
    /** Wall time, and this process's CPU time: on a busy machine the gap between them is waiting for a core. */
    const call = async (channel: Channel & keyof typeof handlers, input: unknown): Promise<[number, number]> => {
      const cpu = process.cpuUsage();
      const started = performance.now();
      const def = contract[channel];
      const handler = handlers[channel] as (input: unknown, ctx: HandlerContext) => Promise<unknown>;
      def.output.parse(await handler(def.input.parse(input), ctx));
      const used = process.cpuUsage(cpu);
      return [performance.now() - started, (used.user + used.system) / 1000];
    };
    const next = random(7);
    const somePhone = () => phoneOf(Math.floor(next() * THREADS));
    const queries = [...WORDS.slice(0, 30), 'prac', 'swim meet', 'tro', 'birthday party', 'goggles towel', 'cancel friday', 'family12', '512200'];
    const runs = async (make: () => [Channel & keyof typeof handlers, unknown]) => {
      for (let i = 0; i < 5; i++) await call(...make());
      const wall: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const [w, c] = await call(...make());
        wall.push(w);
        cpu.push(c);
      }
      return { ...figures(wall), cpuP50: figures(cpu).p50, cpuP95: figures(cpu).p95 };
    };
    const first = await handlers['messenger.threads'](contract['messenger.threads'].input.parse({}), ctx);
    const results = {
      firstPage: await runs(() => ['messenger.threads', { filter: 'all' }]),
      openThread: await runs(() => ['messenger.thread', { phone: somePhone() }]),
      search: await runs(() => ['messenger.search', { query: queries[Math.floor(next() * queries.length)] }]),
      markRead: await runs(() => ['messenger.markRead', { phone: somePhone() }]),
      unreadCount: await runs(() => ['messenger.unreadCount', undefined]),
      nextPage: await runs(() => ['messenger.threads', { filter: 'all', cursor: first.nextCursor }]),
      filters: {} as Record<string, number>,
    };
    for (const filter of ['unread', 'needs_reply', 'assigned_to_me', 'handled'] as const) results.filters[filter] = (await runs(() => ['messenger.threads', { filter }])).p95;
    db.close();
    const five = [results.firstPage, results.openThread, results.search, results.markRead, results.unreadCount];
    return {
      bench: 'messenger',
      messages: REPLIES + THREADS * 2.5,
      threads: THREADS,
      samples: SAMPLES,
      cpuP95Ms: { firstPage: results.firstPage.cpuP95, openThread: results.openThread.cpuP95, search: results.search.cpuP95, markRead: results.markRead.cpuP95, unreadCount: results.unreadCount.cpuP95 },
      p95Ms: { firstPage: results.firstPage.p95, openThread: results.openThread.p95, search: results.search.p95, markRead: results.markRead.p95, unreadCount: results.unreadCount.p95 },
      detail: results,
      target: { p95Ms: MESSENGER_TARGET_P95_MS },
      pass: five.every((f) => f.p95 < MESSENGER_TARGET_P95_MS),
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', load1: round2(loadavg()[0] ?? 0) },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('messenger.ts')) {
  measureMessenger().then((summary) => process.stdout.write(`${JSON.stringify(summary)}\n`), (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
