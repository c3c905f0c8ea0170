import { afterEach, describe, expect, it } from 'vitest';
import { CarrierError, type CarrierGateway, type CarrierMessage } from '../../../src/main/core/ports/carrier-gateway';
import type { Storage } from '../../../src/main/core/ports/storage';
import type { LedgerEntry, LedgerStore } from '../../../src/main/core/ports/stores/ledger-store';
import type { DueMessage, MessageChange, OutboxStore, PollTarget } from '../../../src/main/core/ports/stores/outbox-store';
import { Dispatcher, type DispatcherOptions } from '../../../src/main/core/sending/dispatcher';
import { SendWriter } from '../../../src/main/core/sending/send-writer';
import { ALWAYS_OPEN } from '../../../src/main/app/standalone-engine';
import { untilTrue } from '../../support/wait';

/** Waits for a condition on the event loop, never for a fixed time. */

const row = (id: number): DueMessage => ({
  id, batchId: 1, mode: 'sandbox', to: `+1512555${String(id).padStart(4, '0')}`, text: 'Pool closed today', credits: 1,
  validitySeconds: 3600, attempts: 0, inDoubt: false, claimedAt: null,
});

/** The outbox and ledger as the dispatcher sees them, and a log of every call and transaction. */
function fakeStorage() {
  const waiting: DueMessage[] = [];
  /** Texts the carrier took whose delivery is to be checked; a recorded status check takes one off. */
  const toPoll: PollTarget[] = [];
  const log: Array<{ call: string; inTransaction: boolean; modes?: string[]; changes?: MessageChange[]; entries?: LedgerEntry[] }> = [];
  const committedClaims = new Set<number>();
  let pendingClaims: number[] = [];
  let open = false;
  let transactions = 0;
  const outbox: Pick<OutboxStore, 'hasSendBeingWritten' | 'due' | 'apply' | 'nextDueAt' | 'pollDue' | 'isSidTaken'> = {
    hasSendBeingWritten: () => Promise.resolve(false),
    due: (q) => {
      log.push({ call: 'due', inTransaction: open, modes: [...q.modes] });
      return Promise.resolve(waiting.filter((r) => q.modes.includes(r.mode)).slice(0, q.limit));
    },
    apply: (changes) => {
      log.push({ call: 'apply', inTransaction: open, changes: [...changes] });
      for (const change of changes) {
        const polled = toPoll.findIndex((t) => t.id === change.id);
        if (change.kind === 'status' && polled >= 0) toPoll.splice(polled, 1);
        // A text looked up later is not due again before then (this fake never reaches that time).
        const lookedUp = waiting.findIndex((r) => r.id === change.id);
        if ((change.kind === 'checkLater' || change.kind === 'lookUp') && lookedUp >= 0) waiting.splice(lookedUp, 1);
        if (change.kind !== 'claim') continue;
        pendingClaims.push(change.id);
        const i = waiting.findIndex((r) => r.id === change.id);
        if (i >= 0) waiting.splice(i, 1);
      }
      return Promise.resolve(changes.map(() => true));
    },
    nextDueAt: () => Promise.resolve(null),
    pollDue: (_now, limit) => Promise.resolve(toPoll.slice(0, limit)),
    isSidTaken: () => Promise.resolve(false),
  };
  const ledger: Pick<LedgerStore, 'record'> = {
    record: (entries) => {
      log.push({ call: 'ledger', inTransaction: open, entries: [...entries] });
      return Promise.resolve();
    },
  };
  const storage = {
    outbox,
    ledger,
    async transaction<T>(work: (tx: Storage) => Promise<T>): Promise<T> {
      transactions += 1;
      open = true;
      pendingClaims = [];
      try {
        const result = await work(storage as unknown as Storage);
        for (const id of pendingClaims) committedClaims.add(id);
        return result;
      } finally {
        open = false;
      }
    },
  };
  return {
    storage: storage as unknown as Storage,
    waiting,
    toPoll,
    log,
    committedClaims,
    transactions: () => transactions,
  };
}

const accepted = (to: string, n: number): CarrierMessage => ({
  sid: `SM${n}`, status: 'queued', direction: 'outbound-api', from: null, to, body: 'Pool closed today', numSegments: 1,
  errorCode: null, errorMessage: null, messagingServiceSid: 'MG1', dateCreated: Date.now(), dateSent: null, dateUpdated: null, price: null, priceUnit: null,
});

function dispatcherWith(storage: Storage, gateway: Pick<CarrierGateway, 'sendMessage'>, options: Partial<DispatcherOptions> = {}) {
  return new Dispatcher(
    storage,
    new SendWriter(storage),
    { connect: () => Promise.resolve({ gateway: gateway as CarrierGateway, messagingServiceSid: 'MG1' }) },
    { now: () => Date.now() },
    { optOut: () => undefined },
    { messagesPerSecond: () => null, availableHours: () => ALWAYS_OPEN, ...options },
  );
}

const changesOf = (log: ReturnType<typeof fakeStorage>['log'], kind: MessageChange['kind']): number[] =>
  log.flatMap((e) => e.changes?.filter((c) => c.kind === kind).map((c) => c.id) ?? []);

let running: Dispatcher | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

describe('the dispatcher loop', () => {
  it('commits each claim before its request leaves, and records a round of outcomes in one transaction', async () => {
    const fake = fakeStorage();
    fake.waiting.push(row(1), row(2), row(3));
    const sentUnclaimed: number[] = [];
    const inFlight: Array<() => void> = [];
    let n = 0;
    const gateway: Pick<CarrierGateway, 'sendMessage'> = {
      sendMessage: (input) => {
        const id = [1, 2, 3].find((i) => row(i).to === input.to) ?? 0;
        if (!fake.committedClaims.has(id)) sentUnclaimed.push(id);
        // Held until all three are out, so their outcomes arrive together.
        return new Promise((resolve) => inFlight.push(() => resolve(accepted(input.to, ++n))));
      },
    };
    running = dispatcherWith(fake.storage, gateway);
    running.start();
    await untilTrue(() => inFlight.length === 3, 10_000, 'three requests in flight');
    expect(sentUnclaimed).toEqual([]);
    for (const release of inFlight) release();
    await untilTrue(() => fake.log.some((e) => e.call === 'ledger'), 10_000, 'the outcomes recorded');

    const accepts = fake.log.filter((e) => e.call === 'apply' && e.changes?.every((c) => c.kind === 'accept'));
    expect(accepts).toHaveLength(1);
    expect(accepts[0]).toMatchObject({ inTransaction: true });
    expect(accepts[0]?.changes?.map((c) => c.id).sort()).toEqual([1, 2, 3]);
    const settles = fake.log.filter((e) => e.call === 'ledger');
    expect(settles).toEqual([expect.objectContaining({ inTransaction: true })]);
    expect(settles[0]?.entries?.map((e) => [e.kind, e.messageId]).sort()).toEqual([['settle', 1], ['settle', 2], ['settle', 3]]);
    // Every claim and every outcome went through a transaction: nothing was written outside one.
    expect(fake.log.filter((e) => e.call !== 'due' && !e.inTransaction)).toEqual([]);
  });

  it('claims nothing while its mode is paused for an account problem', async () => {
    const fake = fakeStorage();
    fake.waiting.push(row(1));
    let attempts = 0;
    const gateway: Pick<CarrierGateway, 'sendMessage'> = {
      sendMessage: () => {
        attempts += 1;
        return Promise.reject(new CarrierError({ kind: 'rejected', code: 20003, httpStatus: 401, detail: 'authenticate', scope: 'account' }));
      },
    };
    running = dispatcherWith(fake.storage, gateway);
    running.start();
    const dispatcher = running;
    await untilTrue(() => dispatcher.status().paused.sandbox !== undefined, 10_000, 'the pause');
    await untilTrue(() => fake.log.some((e) => e.changes?.some((c) => c.kind === 'retryLater')), 10_000, 'the failed attempt recorded');

    fake.waiting.push(row(2), row(3));
    const seen = fake.log.length;
    const rounds = fake.transactions();
    await untilTrue(() => {
      dispatcher.notify();
      return fake.transactions() >= rounds + 3;
    }, 10_000, 'three more rounds');
    const later = fake.log.slice(seen);
    // The Sandbox's messages are not even asked for, let alone claimed.
    expect(later.filter((e) => e.modes?.includes('sandbox') === true || e.changes?.some((c) => c.kind === 'claim'))).toEqual([]);
    expect(attempts).toBe(1);
    expect(fake.waiting.map((r) => r.id)).toEqual([2, 3]);
  });

  it('claims ahead: a request starts as another ends, without a commit in between, and one commit covers dozens of texts', async () => {
    const fake = fakeStorage();
    const count = 400;
    for (let id = 1; id <= count; id += 1) fake.waiting.push(row(id));
    const sentUnclaimed: number[] = [];
    let n = 0;
    const gateway: Pick<CarrierGateway, 'sendMessage'> = {
      sendMessage: (input) => {
        const id = Number(input.to.slice(-4));
        if (!fake.committedClaims.has(id)) sentUnclaimed.push(id);
        // Answered on the next turn of the event loop, as a fast carrier would.
        return new Promise((resolve) => setImmediate(() => resolve(accepted(input.to, ++n))));
      },
    };
    running = dispatcherWith(fake.storage, gateway);
    running.start();
    await untilTrue(() => changesOf(fake.log, 'accept').length === count, 20_000, 'every outcome recorded');

    expect(n).toBe(count);
    expect(sentUnclaimed).toEqual([]);
    // Sixteen at once: a round per answer (before) commits at least once per 8 texts; claimed
    // ahead, a commit claims and records dozens.
    expect(fake.transactions()).toBeLessThanOrEqual(count / 20);
  });

  it('hands claimed texts that never started back as waiting when it stops: not sent, not in doubt', async () => {
    const fake = fakeStorage();
    for (let id = 1; id <= 40; id += 1) fake.waiting.push(row(id));
    const sent: number[] = [];
    const inFlight: Array<() => void> = [];
    let n = 0;
    const gateway: Pick<CarrierGateway, 'sendMessage'> = {
      sendMessage: (input) => {
        sent.push(Number(input.to.slice(-4)));
        return new Promise((resolve) => inFlight.push(() => resolve(accepted(input.to, ++n))));
      },
    };
    running = dispatcherWith(fake.storage, gateway, { maxInFlight: 2 });
    running.start();
    await untilTrue(() => inFlight.length === 2, 10_000, 'two requests in flight');
    const claimed = changesOf(fake.log, 'claim');
    expect(claimed.length).toBeGreaterThan(2);

    const stopping = running.stop();
    for (const release of inFlight) release();
    await stopping;
    running = null;
    const handedBack = changesOf(fake.log, 'retryLater');
    // Exactly the texts claimed and never started go back, and none of them reached the carrier.
    expect(handedBack.sort((a, b) => a - b)).toEqual(claimed.filter((id) => !sent.includes(id)).sort((a, b) => a - b));
    expect(handedBack.length).toBe(claimed.length - 2);
    expect(sent).toHaveLength(2);
    const back = fake.log.flatMap((e) => e.changes?.filter((c) => c.kind === 'retryLater') ?? []);
    expect(back.every((c) => c.kind === 'retryLater' && c.errorCode === null && c.at <= Date.now())).toBe(true);
  });

  it('sends only the texts its claim took: one another desk took since it was read is neither sent nor held', async () => {
    const fake = fakeStorage();
    for (let id = 1; id <= 6; id += 1) fake.waiting.push(row(id));
    // Another desk sharing the database takes texts 2 and 5 between this engine's read and its take.
    const takenElsewhere = new Set([2, 5]);
    const outbox = fake.storage.outbox as { apply: (changes: readonly MessageChange[], now: number) => Promise<boolean[]> };
    const apply = outbox.apply;
    outbox.apply = async (changes, now) => {
      const answers = await apply(changes, now);
      return changes.map((change, i) => (change.kind === 'claim' && takenElsewhere.has(change.id) ? false : answers[i]!));
    };
    const sent: number[] = [];
    const gateway: Pick<CarrierGateway, 'sendMessage'> = {
      sendMessage: (input) => {
        sent.push(Number(input.to.slice(-4)));
        return Promise.resolve(accepted(input.to, sent.length));
      },
    };
    running = dispatcherWith(fake.storage, gateway, { maxInFlight: 4 });
    running.start();
    await untilTrue(() => sent.length >= 4, 4_000, 'the texts this desk took sent');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sent.sort((a, b) => a - b)).toEqual([1, 3, 4, 6]);
    await running.stop();
    running = null;
    // Nothing of theirs was handed back or recorded by this desk: it never held them.
    const touched = fake.log.flatMap((e) => e.changes ?? []).filter((c) => c.kind !== 'claim').map((c) => c.id);
    expect(touched.filter((id) => takenElsewhere.has(id))).toEqual([]);
  });

  it('paced, claims ahead no more than 50 ms of the pace beside the slots, so a slow carrier cannot store up a burst', async () => {
    const fake = fakeStorage();
    for (let id = 1; id <= 200; id += 1) fake.waiting.push(row(id));
    const inFlight: Array<() => void> = [];
    let answering = false;
    const gateway: Pick<CarrierGateway, 'sendMessage'> = {
      sendMessage: (input) => answering ? Promise.resolve(accepted(input.to, 0)) : new Promise((resolve) => inFlight.push(() => resolve(accepted(input.to, inFlight.length)))),
    };
    let rounds = 0;
    running = dispatcherWith(fake.storage, gateway, { maxInFlight: 4, messagesPerSecond: () => 1000, onRound: () => void (rounds += 1) });
    running.start();
    await untilTrue(() => inFlight.length === 4, 4_000, 'the slots full');
    // The pace allows more with every round (its bucket holds 100 ms, 100 texts); the carrier answers none.
    await untilTrue(() => {
      running?.notify();
      return changesOf(fake.log, 'claim').length >= 54;
    }, 4_000, 'the claims ahead');
    const seen = rounds;
    const since = Date.now();
    await untilTrue(() => {
      running?.notify();
      return rounds >= seen + 5 && Date.now() - since >= 200;
    }, 4_000, 'more rounds');
    // 4 slots, and 50 more claimed ahead (50 ms at 1,000/s), never more.
    expect(changesOf(fake.log, 'claim')).toHaveLength(54);
    answering = true;
    for (const release of inFlight) release();
  });

  it('paced, a round that comes late claims the texts its gap owes, beyond the request slots', async () => {
    const fake = fakeStorage();
    for (let id = 1; id <= 400; id += 1) fake.waiting.push(row(id));
    const gateway: Pick<CarrierGateway, 'sendMessage'> = { sendMessage: (input) => Promise.resolve(accepted(input.to, 0)) };
    // A busy machine: the thread gets the CPU back 45 ms after each round, later than the 20 ms a paced round waits.
    const heldUp = (): void => {
      const until = Date.now() + 45;
      while (Date.now() < until) { /* not given the CPU */ }
    };
    running = dispatcherWith(fake.storage, gateway, { maxInFlight: 16, messagesPerSecond: () => 1000, onRound: heldUp });
    running.start();
    await untilTrue(() => changesOf(fake.log, 'claim').length >= 200, 10_000, 'texts claimed');
    const claimsPerRound = fake.log.filter((e) => e.call === 'apply').map((e) => e.changes?.filter((c) => c.kind === 'claim').length ?? 0);
    // 45 ms of the pace is 45 texts: more than the 16 slots and 16 claimed ahead that used to be the most.
    expect(Math.max(...claimsPerRound)).toBeGreaterThan(32);
    expect(Math.max(...claimsPerRound)).toBeLessThanOrEqual(16 + 50);
  });

  it('paced, keeps as many requests going as the pace needs for how long the carrier takes to answer', async () => {
    const fake = fakeStorage();
    for (let id = 1; id <= 400; id += 1) fake.waiting.push(row(id));
    // A carrier that answers in 60 ms: at 500/s that is ~30 requests at once, more than the 4 set.
    let going = 0;
    let most = 0;
    const gateway: Pick<CarrierGateway, 'sendMessage'> = {
      sendMessage: (input) => {
        going += 1;
        most = Math.max(most, going);
        return new Promise((resolve) => setTimeout(() => {
          going -= 1;
          resolve(accepted(input.to, 0));
        }, 60));
      },
    };
    running = dispatcherWith(fake.storage, gateway, { maxInFlight: 4, messagesPerSecond: () => 500 });
    running.start();
    await untilTrue(() => most > 8, 10_000, 'more than twice the set requests at once');
    expect(most).toBeLessThanOrEqual(64);
  });

  it('lets status checks yield to sending: one check at a time while texts go out, all four once they are out', async () => {
    const fake = fakeStorage();
    for (let id = 1; id <= 60; id += 1) fake.waiting.push(row(id));
    for (let id = 1001; id <= 1040; id += 1) fake.toPoll.push({ id, batchId: 1, mode: 'sandbox', sid: `SM${id}`, state: 'accepted', credits: 1, claimedAt: Date.now() });
    let checking = 0;
    let mostWhileSending = 0;
    let mostAfter = 0;
    let sendsLeft = 60;
    const later = <T>(value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), 2));
    const gateway: Pick<CarrierGateway, 'sendMessage' | 'fetchMessage'> = {
      sendMessage: (input) => later(accepted(input.to, 0)).finally(() => void (sendsLeft -= 1)),
      fetchMessage: (sid) => {
        checking += 1;
        if (sendsLeft > 0) mostWhileSending = Math.max(mostWhileSending, checking);
        else mostAfter = Math.max(mostAfter, checking);
        return later({ ...accepted('+15125550000', 0), sid, status: 'delivered' }).finally(() => void (checking -= 1));
      },
    };
    running = dispatcherWith(fake.storage, gateway as Pick<CarrierGateway, 'sendMessage'>, { maxInFlight: 4, maxPolls: 4 });
    running.start();
    await untilTrue(() => fake.toPoll.length === 0, 10_000, 'every status checked');
    expect(mostWhileSending).toBe(1);
    expect(mostAfter).toBe(4);
  });

  it('never sends to a number while an in-doubt text to it is being looked up', async () => {
    const fake = fakeStorage();
    const number = row(1).to;
    fake.waiting.push({ ...row(1), inDoubt: true, attempts: 1, claimedAt: Date.now() - 60_000 }, { ...row(2), batchId: 2, to: number });
    let lookingUp = false;
    let sent = 0;
    let endLookUp: () => void = () => undefined;
    const gateway: Pick<CarrierGateway, 'sendMessage' | 'listMessages'> = {
      sendMessage: (input) => Promise.resolve(accepted(input.to, ++sent)),
      listMessages: () => {
        lookingUp = true;
        return new Promise((resolve) => (endLookUp = () => {
          lookingUp = false;
          resolve({ messages: [], nextPageToken: null });
        }));
      },
    };
    let rounds = 0;
    running = dispatcherWith(fake.storage, gateway as Pick<CarrierGateway, 'sendMessage'>, { lookAgainMs: 60_000, onRound: () => void (rounds += 1) });
    running.start();
    await untilTrue(() => lookingUp, 4_000, 'the look-up under way');
    const seen = rounds;
    await untilTrue(() => {
      running?.notify();
      return rounds >= seen + 3;
    }, 4_000, 'more rounds');
    // The other text to the same number waits: its copy could be taken for the one in doubt.
    expect(sent).toBe(0);
    endLookUp();
    await untilTrue(() => sent === 1, 4_000, 'the other text sent once the look-up ended');
  });
});
