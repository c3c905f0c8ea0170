import { describe, expect, it } from 'vitest';
import { nextOccurrences, occurrencesBetween } from '../../../src/main/core/autopilot/occurrences';
import { instantAt, wallAt, wallOfLocal } from '../../../src/main/core/autopilot/zone-time';

const NY = { timeZone: 'America/New_York', meetings: [] };
const SYDNEY = { timeZone: 'Australia/Sydney', meetings: [] };
const utc = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
/** The local reading in `zone` of an instant, as 'YYYY-MM-DDTHH:MM'. */
const local = (zone: string, ms: number) => new Date(wallAt(zone, ms)).toISOString().slice(0, 16);

describe('zone time (Intl only)', () => {
  it('reads a local time back to the instant, on either side of a change', () => {
    expect(iso(instantAt('America/New_York', wallOfLocal('2026-03-07T09:00')))).toBe('2026-03-07T14:00:00.000Z');
    expect(iso(instantAt('America/New_York', wallOfLocal('2026-03-09T09:00')))).toBe('2026-03-09T13:00:00.000Z');
    expect(iso(instantAt('Australia/Sydney', wallOfLocal('2026-07-01T09:00')))).toBe('2026-06-30T23:00:00.000Z');
  });

  it('a time the clocks skip is read as if they had not jumped yet (02:30 → 03:30), and a repeated time as its first', () => {
    expect(local('America/New_York', instantAt('America/New_York', wallOfLocal('2026-03-08T02:30')))).toBe('2026-03-08T03:30');
    expect(iso(instantAt('America/New_York', wallOfLocal('2026-11-01T01:30')))).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(instantAt('Australia/Sydney', wallOfLocal('2026-04-05T02:30')))).toBe('2026-04-04T15:30:00.000Z');
    expect(local('Australia/Sydney', instantAt('Australia/Sydney', wallOfLocal('2026-10-04T02:30')))).toBe('2026-10-04T03:30');
  });
});

describe('occurrences in the business’s time zone', () => {
  it('weekly at 09:00 stays 09:00 local across New York’s spring forward (the UTC time moves an hour)', () => {
    const runs = occurrencesBetween({ kind: 'weekly', days: ['sun'], time: '09:00' }, NY, utc('2026-03-01T00:00Z'), utc('2026-03-16T00:00Z'));
    expect(runs.map(iso)).toEqual(['2026-03-01T14:00:00.000Z', '2026-03-08T13:00:00.000Z', '2026-03-15T13:00:00.000Z']);
    expect(runs.map((t) => local('America/New_York', t))).toEqual(['2026-03-01T09:00', '2026-03-08T09:00', '2026-03-15T09:00']);
  });

  it('weekly at 09:00 across New York’s fall back', () => {
    const runs = occurrencesBetween({ kind: 'weekly', days: ['sat', 'sun', 'mon'], time: '09:00' }, NY, utc('2026-10-31T00:00Z'), utc('2026-11-03T00:00Z'));
    expect(runs.map(iso)).toEqual(['2026-10-31T13:00:00.000Z', '2026-11-01T14:00:00.000Z', '2026-11-02T14:00:00.000Z']);
  });

  it('a daily time inside the skipped hour still runs once that day, and inside the repeated hour runs once, not twice', () => {
    const spring = occurrencesBetween({ kind: 'birthday', time: '02:30', texts: 'self' }, NY, utc('2026-03-07T12:00Z'), utc('2026-03-09T12:00Z'));
    expect(spring.map((t) => local('America/New_York', t))).toEqual(['2026-03-08T03:30', '2026-03-09T02:30']);
    const fall = occurrencesBetween({ kind: 'birthday', time: '01:30', texts: 'self' }, NY, utc('2026-10-31T12:00Z'), utc('2026-11-02T12:00Z'));
    expect(fall.map(iso)).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
  });

  it('the southern hemisphere: Sydney falls back in April and springs forward in October', () => {
    const april = occurrencesBetween({ kind: 'weekly', days: ['sun'], time: '02:30' }, SYDNEY, utc('2026-03-28T00:00Z'), utc('2026-04-13T00:00Z'));
    // 29 March (+11), 5 April's first 02:30 (still +11), 12 April (+10).
    expect(april.map(iso)).toEqual(['2026-03-28T15:30:00.000Z', '2026-04-04T15:30:00.000Z', '2026-04-11T16:30:00.000Z']);
    const october = occurrencesBetween({ kind: 'weekly', days: ['sun'], time: '09:00' }, SYDNEY, utc('2026-09-26T00:00Z'), utc('2026-10-12T00:00Z'));
    expect(october.map(iso)).toEqual(['2026-09-26T23:00:00.000Z', '2026-10-03T22:00:00.000Z', '2026-10-10T22:00:00.000Z']);
    expect(october.map((t) => local('Australia/Sydney', t).slice(11))).toEqual(['09:00', '09:00', '09:00']);
  });

  it('before a class: 2 hours before each Tuesday 16:00 meeting, local time', () => {
    const ctx = { timeZone: 'America/New_York', meetings: [{ weekday: 'tue' as const, start: '16:00', end: '16:45' }] };
    const runs = occurrencesBetween({ kind: 'classSession', classId: 1, minutesBefore: 120 }, ctx, utc('2026-03-01T00:00Z'), utc('2026-03-15T00:00Z'));
    expect(runs.map((t) => local('America/New_York', t))).toEqual(['2026-03-03T14:00', '2026-03-10T14:00']);
    // A day before a Monday meeting falls on the Sunday before, even at the range's start.
    const monday = { timeZone: 'America/New_York', meetings: [{ weekday: 'mon' as const, start: '09:00', end: '10:00' }] };
    const dayBefore = occurrencesBetween({ kind: 'classSession', classId: 1, minutesBefore: 24 * 60 }, monday, utc('2026-03-01T00:00Z'), utc('2026-03-02T00:00Z'));
    expect(dayBefore.map((t) => local('America/New_York', t))).toEqual(['2026-03-01T09:00']);
  });

  it('once at a date and time, only inside its range', () => {
    const once = { kind: 'once' as const, at: '2026-03-08T10:00' };
    expect(occurrencesBetween(once, NY, utc('2026-03-01T00:00Z'), utc('2026-03-09T00:00Z')).map(iso)).toEqual(['2026-03-08T14:00:00.000Z']);
    expect(occurrencesBetween(once, NY, utc('2026-03-08T14:00Z'), utc('2026-03-09T00:00Z'))).toEqual([]);
  });

  it('the next 10 runs of a weekly trigger', () => {
    const next = nextOccurrences({ kind: 'weekly', days: ['mon', 'thu'], time: '17:15' }, NY, utc('2026-03-01T00:00Z'), 10);
    expect(next).toHaveLength(10);
    expect(next[0] && local('America/New_York', next[0])).toBe('2026-03-02T17:15');
    expect(next.every((t, i) => i === 0 || t > (next[i - 1] ?? 0))).toBe(true);
  });
});
