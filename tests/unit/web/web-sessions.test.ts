import { afterEach, describe, expect, it } from 'vitest';
import { WebSessions } from '../../../src/main/web/web-sessions';

describe('browser-mode sessions', () => {
  let sessions: WebSessions | null = null;
  afterEach(() => sessions?.close());

  it('stay bounded however many are opened, and every one pushed out is ended in the core too', () => {
    const ended = new Set<string>();
    sessions = new WebSessions({ max: 256, idleMs: 60_000, socketsPerSession: 8 }, (id) => ended.add(id));
    const opened: string[] = [];
    for (let i = 0; i < 100_000; i += 1) opened.push(sessions.open());
    expect(sessions.size).toBe(256);
    expect(ended.size).toBe(100_000 - 256);
    // The oldest went first; the newest are the ones still live.
    expect(ended.has(opened[0]!)).toBe(true);
    expect(opened.slice(-256).every((id) => sessions!.touch(id))).toBe(true);
  });

  it('push out the one idle longest, not one still in use', () => {
    const ended: string[] = [];
    sessions = new WebSessions({ max: 3, idleMs: 60_000, socketsPerSession: 8 }, (id) => ended.push(id));
    const [a, b, c] = [sessions.open(), sessions.open(), sessions.open()];
    sessions.touch(a);
    sessions.open();
    expect(ended).toEqual([b]);
    expect([a, c].every((id) => sessions!.touch(id))).toBe(true);
  });

  it('hand a live session back to the page that presents it, and a new one otherwise', () => {
    sessions = new WebSessions({ max: 3, idleMs: 60_000, socketsPerSession: 8 }, () => undefined);
    const id = sessions.open();
    expect(sessions.open(id)).toBe(id);
    expect(sessions.open('web-made-up')).not.toBe('web-made-up');
    expect(sessions.size).toBe(2);
  });
});
