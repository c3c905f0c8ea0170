import { describe, expect, it, vi } from 'vitest';
import { ReplyAttention, watchReplyAttention } from '../../../src/main/core/messenger/reply-attention';
import { LocalEventBus } from '../../../src/main/core/ports/event-bus';
import type { Caller } from '../../../src/main/core/router';
import type { Permission } from '../../../src/shared/contract';

const ANA = '+15125550123';
const AT = Date.UTC(2026, 10, 25, 15, 0);
const caller = (locked: boolean, permissions: Permission[] = ['messengerCenter']): Caller => ({ staffId: 's1', name: 'Dana', permissions, locked });

function announceTo(sessions: Record<string, Caller | null>) {
  const events = new LocalEventBus();
  const sent: Array<{ event: string; payload: unknown; sessionId: string | undefined }> = [];
  events.subscribe((event, payload, sessionId) => sent.push({ event, payload, sessionId }));
  const attention = new ReplyAttention({
    events,
    sessions: () => Object.keys(sessions),
    callerFor: async (sessionId) => sessions[sessionId] ?? null,
    latestReplies: async () => ({ [ANA]: 'Running late, my PIN is 4321' }),
    namesByPhone: async () => ({ [ANA]: ['Ana Lopez'] }),
    country: () => 'US',
  });
  return { sent, announce: () => attention.announce([{ phone: ANA, at: AT }]) };
}

describe('announcing new replies to each window', () => {
  it('sends each signed-in desk its own notice: the words only to an unlocked one', async () => {
    const { sent, announce } = announceTo({ front: caller(false), office: caller(true) });
    await announce();
    expect(sent).toEqual([
      { event: 'messenger.notice', sessionId: 'front', payload: { phone: ANA, title: 'New reply from Ana Lopez', body: 'Running late, my PIN is 4321' } },
      { event: 'messenger.notice', sessionId: 'office', payload: { phone: ANA, title: 'New reply from Ana Lopez', body: 'Unlock SMS Desk to read it.' } },
    ]);
  });

  it('sends nothing to a window nobody is signed in at, nor to staff without Messenger Center', async () => {
    const { sent, announce } = announceTo({ signin: null, clerk: caller(false, ['sendMassSms']) });
    await announce();
    expect(sent).toEqual([]);
  });

  it('never broadcasts: every notice names the one session it is for', async () => {
    const { sent, announce } = announceTo({ a: caller(false), b: caller(true) });
    await announce();
    expect(sent.every((entry) => typeof entry.sessionId === 'string')).toBe(true);
  });
});

describe('notices while replies keep arriving', () => {
  it('make one notice at once, then one at most every few seconds summing up the rest (a catch-up is not a storm of notices)', async () => {
    vi.useFakeTimers();
    try {
      const events = new LocalEventBus();
      const titles: string[] = [];
      events.subscribe((event, payload) => {
        if (event === 'messenger.notice') titles.push((payload as { title: string }).title);
      });
      const stop = watchReplyAttention({
        events,
        storage: { messenger: { thread: async () => ({ lastBody: 'hi' }) }, contacts: { namesByPhone: async () => ({}) } } as never,
        settings: { read: () => ({ mode: 'sandbox', country: 'US' }) } as never,
        staff: { signedInSessions: () => ['front'], callerFor: async () => caller(false) },
      });
      const arrive = (count: number) =>
        events.emit('messenger.changed', { phones: [ANA], many: false, unread: count, arrived: Array.from({ length: count }, (_, i) => ({ phone: ANA, at: AT + i })) });
      arrive(1);
      await vi.advanceTimersByTimeAsync(0);
      expect(titles).toEqual(['New reply from (512) 555-0123']);
      for (let page = 0; page < 30; page += 1) arrive(50);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(titles).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(5_000);
      expect(titles).toEqual(['New reply from (512) 555-0123', '1,500 new replies from (512) 555-0123']);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
