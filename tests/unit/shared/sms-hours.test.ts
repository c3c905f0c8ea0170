import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currentClosing, describeOpening, isWithinHours, nextOpening, type AvailableHours } from '../../../src/shared/hours/sms-hours';
import type { WeeklySchedule } from '../../../src/shared/hours/weekly-schedule';

type Opening = { start: string; end: string };

const t = (iso: string): number => Date.parse(iso);
const weekdays = (...o: Opening[]): WeeklySchedule => [[], o, o, o, o, o, []];
/** Only the given weekday (0 = Sunday) has openings. */
const onlyOn = (weekday: number, ...o: Opening[]): WeeklySchedule => Array.from({ length: 7 }, (_, i) => (i === weekday ? o : []));
const ny = (schedule: WeeklySchedule): AvailableHours => ({ timeZone: 'America/New_York', schedule });

const eightToEight = { start: '08:00', end: '20:00' };
const defaults = ny([[], [eightToEight], [eightToEight], [eightToEight], [eightToEight], [eightToEight], [{ start: '09:00', end: '17:00' }]]);

describe('isWithinHours', () => {
  it.each([
    ['2025-06-02T12:00:00-04:00', true],
    ['2025-06-02T08:00:00-04:00', true], // start is inclusive
    ['2025-06-02T07:59:59.999-04:00', false],
    ['2025-06-02T19:59:59.999-04:00', true],
    ['2025-06-02T20:00:00-04:00', false], // end is exclusive
    ['2025-06-07T10:00:00-04:00', true], // Saturday has shorter hours
    ['2025-06-07T17:00:00-04:00', false],
    ['2025-06-01T12:00:00-04:00', false], // Sunday is closed
  ])('%s in New York → %s', (iso, open) => {
    expect(isWithinHours(defaults, t(iso))).toBe(open);
  });

  it('reads the business’s own wall clock, not UTC', () => {
    // Monday 09:30 in Sydney and Auckland is still Sunday in UTC and in New York.
    const mondayNine = weekdays({ start: '09:00', end: '17:00' });
    expect(isWithinHours({ timeZone: 'Australia/Sydney', schedule: mondayNine }, t('2025-06-01T23:30:00Z'))).toBe(true);
    expect(isWithinHours({ timeZone: 'Pacific/Auckland', schedule: mondayNine }, t('2025-06-01T21:30:00Z'))).toBe(true);
    expect(isWithinHours({ timeZone: 'Pacific/Auckland', schedule: mondayNine }, t('2025-06-01T20:59:59Z'))).toBe(false);
    expect(isWithinHours(ny(mondayNine), t('2025-06-01T23:30:00Z'))).toBe(false);
    // London is on BST in June, GMT in January.
    const london = { timeZone: 'Europe/London', schedule: mondayNine };
    expect(isWithinHours(london, t('2025-06-02T08:00:00Z'))).toBe(true);
    expect(isWithinHours(london, t('2025-06-02T07:59:00Z'))).toBe(false);
    expect(isWithinHours(london, t('2025-01-06T08:30:00Z'))).toBe(false);
    expect(isWithinHours(london, t('2025-01-06T09:00:00Z'))).toBe(true);
  });
});

describe('nextOpening and currentClosing', () => {
  it('is now when open, today’s start before opening, tomorrow’s after closing', () => {
    expect(nextOpening(defaults, t('2025-06-02T12:00:00-04:00'))).toBe(t('2025-06-02T12:00:00-04:00'));
    expect(nextOpening(defaults, t('2025-06-02T06:15:00-04:00'))).toBe(t('2025-06-02T08:00:00-04:00'));
    expect(nextOpening(defaults, t('2025-06-02T20:00:00-04:00'))).toBe(t('2025-06-03T08:00:00-04:00'));
    expect(currentClosing(defaults, t('2025-06-02T12:00:00-04:00'))).toBe(t('2025-06-02T20:00:00-04:00'));
    expect(currentClosing(defaults, t('2025-06-02T20:00:00-04:00'))).toBeNull();
  });

  it('jumps from Saturday evening to Monday morning', () => {
    expect(nextOpening(defaults, t('2025-06-07T17:00:00-04:00'))).toBe(t('2025-06-09T08:00:00-04:00'));
    expect(nextOpening(defaults, t('2025-06-08T23:59:59-04:00'))).toBe(t('2025-06-09T08:00:00-04:00'));
  });

  it('skips a day with no openings', () => {
    const noTuesday = ny([[], [eightToEight], [], [eightToEight], [eightToEight], [eightToEight], []]);
    expect(nextOpening(noTuesday, t('2025-06-02T21:00:00-04:00'))).toBe(t('2025-06-04T08:00:00-04:00'));
  });

  it('waits a whole week for a once-a-week window', () => {
    const mondayMorning = ny(onlyOn(1, { start: '08:00', end: '08:30' }));
    expect(nextOpening(mondayMorning, t('2025-06-02T08:30:00-04:00'))).toBe(t('2025-06-09T08:00:00-04:00'));
  });

  it('handles several openings a day, merging ones that touch', () => {
    const split = ny(weekdays({ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }));
    expect(nextOpening(split, t('2025-06-02T12:30:00-04:00'))).toBe(t('2025-06-02T13:00:00-04:00'));
    expect(currentClosing(split, t('2025-06-02T10:00:00-04:00'))).toBe(t('2025-06-02T12:00:00-04:00'));
    expect(currentClosing(split, t('2025-06-02T14:00:00-04:00'))).toBe(t('2025-06-02T17:00:00-04:00'));
    expect(isWithinHours(split, t('2025-06-02T12:00:00-04:00'))).toBe(false);

    const touching = ny(weekdays({ start: '12:00', end: '14:00' }, { start: '09:00', end: '12:00' }));
    expect(currentClosing(touching, t('2025-06-02T10:00:00-04:00'))).toBe(t('2025-06-02T14:00:00-04:00'));
  });

  it('returns null for an empty schedule', () => {
    const closed = ny([[], [], [], [], [], [], []]);
    expect(isWithinHours(closed, t('2025-06-02T12:00:00Z'))).toBe(false);
    expect(nextOpening(closed, t('2025-06-02T12:00:00Z'))).toBeNull();
    expect(currentClosing(closed, t('2025-06-02T12:00:00Z'))).toBeNull();
  });

  it('works in Sydney, Auckland and London', () => {
    const nineToFive = weekdays({ start: '09:00', end: '17:00' });
    // Friday 17:00 in Sydney (AEST, +10) → Monday 09:00.
    expect(nextOpening({ timeZone: 'Australia/Sydney', schedule: nineToFive }, t('2025-06-06T07:00:00Z'))).toBe(t('2025-06-08T23:00:00Z'));
    // Auckland in January is on NZDT (+13).
    expect(nextOpening({ timeZone: 'Pacific/Auckland', schedule: nineToFive }, t('2025-01-06T12:00:00Z'))).toBe(t('2025-01-06T20:00:00Z'));
    expect(currentClosing({ timeZone: 'Europe/London', schedule: nineToFive }, t('2025-06-02T10:00:00Z'))).toBe(t('2025-06-02T16:00:00Z'));
  });
});

describe('daylight saving', () => {
  // New York: 2025-03-09 02:00 EST jumps to 03:00 EDT (07:00Z); 2025-11-02 02:00 EDT falls back to 01:00 EST (06:00Z).
  it('spring-forward: a window wholly inside the missing hour does not happen that day', () => {
    const gap = ny(onlyOn(0, { start: '02:00', end: '03:00' }));
    expect(isWithinHours(gap, t('2025-03-09T06:59:59.999Z'))).toBe(false);
    expect(isWithinHours(gap, t('2025-03-09T07:00:00Z'))).toBe(false);
    expect(nextOpening(gap, t('2025-03-08T12:00:00-05:00'))).toBe(t('2025-03-16T02:00:00-04:00'));
  });

  it('spring-forward: a window starting in the missing hour opens at the jump, and one ending in it closes there', () => {
    const late = ny(onlyOn(0, { start: '02:30', end: '04:00' }));
    expect(nextOpening(late, t('2025-03-08T12:00:00-05:00'))).toBe(t('2025-03-09T03:00:00-04:00'));
    expect(currentClosing(late, t('2025-03-09T03:00:00-04:00'))).toBe(t('2025-03-09T04:00:00-04:00'));

    const early = ny(onlyOn(0, { start: '01:30', end: '02:30' }));
    expect(isWithinHours(early, t('2025-03-09T01:45:00-05:00'))).toBe(true);
    expect(currentClosing(early, t('2025-03-09T01:45:00-05:00'))).toBe(t('2025-03-09T07:00:00Z'));
  });

  it('spring-forward: later windows that day are an hour closer in UTC', () => {
    const morning = ny(onlyOn(0, { start: '08:00', end: '09:00' }));
    expect(nextOpening(morning, t('2025-03-08T12:00:00-05:00'))).toBe(t('2025-03-09T08:00:00-04:00'));
  });

  it('fall-back: 01:30 happens twice and both count', () => {
    const oneToTwo = ny(onlyOn(0, { start: '01:00', end: '02:00' }));
    expect(isWithinHours(oneToTwo, t('2025-11-02T01:30:00-04:00'))).toBe(true);
    expect(isWithinHours(oneToTwo, t('2025-11-02T01:30:00-05:00'))).toBe(true);
    // Open from 01:00 EDT through the repeated hour until 02:00 EST: two real hours.
    expect(nextOpening(oneToTwo, t('2025-11-01T12:00:00-04:00'))).toBe(t('2025-11-02T01:00:00-04:00'));
    expect(currentClosing(oneToTwo, t('2025-11-02T01:30:00-04:00'))).toBe(t('2025-11-02T02:00:00-05:00'));
  });

  it('fall-back: a window reopens when the clock is set back into it', () => {
    const short = ny(onlyOn(0, { start: '01:00', end: '01:30' }));
    expect(currentClosing(short, t('2025-11-02T01:15:00-04:00'))).toBe(t('2025-11-02T01:30:00-04:00'));
    expect(nextOpening(short, t('2025-11-02T01:45:00-04:00'))).toBe(t('2025-11-02T01:00:00-05:00'));
    expect(currentClosing(short, t('2025-11-02T01:00:00-05:00'))).toBe(t('2025-11-02T01:30:00-05:00'));

    // The window's start (00:30) never repeats, yet setting the clock back from 02:00 to 01:00 lands inside it.
    const straddling = ny(onlyOn(0, { start: '00:30', end: '01:15' }));
    expect(nextOpening(straddling, t('2025-11-02T01:30:00-04:00'))).toBe(t('2025-11-02T06:00:00Z'));
    expect(describeOpening(straddling, t('2025-11-02T06:00:00Z'), t('2025-11-02T01:30:00-04:00'))).toBe('today at 01:00');
  });

  it('handles Sydney, Auckland and London transitions', () => {
    // Sydney 2025-04-06: 03:00 AEDT back to 02:00 AEST (16:00Z on the 5th), so 02:00–02:30 happens twice.
    const sydney = { timeZone: 'Australia/Sydney', schedule: onlyOn(0, { start: '02:00', end: '02:30' }) };
    expect(nextOpening(sydney, t('2025-04-05T12:00:00Z'))).toBe(t('2025-04-05T15:00:00Z'));
    expect(nextOpening(sydney, t('2025-04-05T15:45:00Z'))).toBe(t('2025-04-05T16:00:00Z'));
    // Sydney 2025-10-05: 02:00 AEST jumps to 03:00 AEDT, so 02:00–03:00 waits a week.
    const sydneyGap = { timeZone: 'Australia/Sydney', schedule: onlyOn(0, { start: '02:00', end: '03:00' }) };
    expect(nextOpening(sydneyGap, t('2025-10-04T12:00:00Z'))).toBe(t('2025-10-11T15:00:00Z'));

    // Auckland 2025-09-28: 02:00 NZST jumps to 03:00 NZDT (14:00Z on the 27th).
    const auckland = { timeZone: 'Pacific/Auckland', schedule: onlyOn(0, { start: '02:15', end: '05:00' }) };
    const saturdayNoon = t('2025-09-27T12:00:00+12:00');
    expect(nextOpening(auckland, saturdayNoon)).toBe(t('2025-09-27T14:00:00Z'));
    expect(describeOpening(auckland, t('2025-09-27T14:00:00Z'), saturdayNoon)).toBe('tomorrow at 03:00');

    // London 2025-03-30: 01:00 GMT jumps to 02:00 BST; 2025-10-26: 02:00 BST falls back to 01:00 GMT.
    const londonGap = { timeZone: 'Europe/London', schedule: onlyOn(0, { start: '01:00', end: '01:30' }) };
    expect(nextOpening(londonGap, t('2025-03-29T12:00:00Z'))).toBe(t('2025-04-06T00:00:00Z'));
    const londonBack = { timeZone: 'Europe/London', schedule: onlyOn(0, { start: '01:00', end: '02:00' }) };
    expect(isWithinHours(londonBack, t('2025-10-26T00:30:00Z'))).toBe(true);
    expect(isWithinHours(londonBack, t('2025-10-26T01:30:00Z'))).toBe(true);
    expect(currentClosing(londonBack, t('2025-10-26T00:30:00Z'))).toBe(t('2025-10-26T02:00:00Z'));
  });
});

describe('describeOpening', () => {
  it('says today, tomorrow, a weekday, or a date further out', () => {
    const at = t('2025-06-02T07:00:00-04:00'); // Monday
    expect(describeOpening(defaults, t('2025-06-02T08:00:00-04:00'), at)).toBe('today at 08:00');
    expect(describeOpening(defaults, t('2025-06-03T08:00:00-04:00'), at)).toBe('tomorrow at 08:00');
    expect(describeOpening(defaults, t('2025-06-07T09:00:00-04:00'), at)).toBe('Saturday at 09:00');
    expect(describeOpening(defaults, t('2025-06-09T08:00:00-04:00'), at)).toBe('Monday, June 9 at 08:00');
    expect(describeOpening(defaults, nextOpening(defaults, t('2025-06-07T18:00:00-04:00')) ?? 0, t('2025-06-07T18:00:00-04:00'))).toBe(
      'Monday at 08:00',
    );
  });

  it('counts days on the local calendar', () => {
    // Sunday 23:30 in Sydney is Sunday 13:30 UTC; Monday 09:00 there is Sunday 23:00 UTC, yet it is "tomorrow".
    const sydney = { timeZone: 'Australia/Sydney', schedule: weekdays({ start: '09:00', end: '17:00' }) };
    expect(describeOpening(sydney, t('2025-06-01T23:00:00Z'), t('2025-06-01T13:30:00Z'))).toBe('tomorrow at 09:00');
  });
});

describe('properties', () => {
  const zones = [
    'America/New_York',
    'Australia/Sydney',
    'Pacific/Auckland',
    'Europe/London',
    'Australia/Lord_Howe', // half-hour DST shift
    'America/Santiago', // changes at midnight
    'Asia/Kolkata',
    'UTC',
  ];
  const transitions2025 = ['2025-03-09T07:00Z', '2025-11-02T06:00Z', '2025-04-05T16:00Z', '2025-10-04T16:00Z', '2025-09-27T14:00Z', '2025-03-30T01:00Z', '2025-10-26T01:00Z', '2025-09-07T04:00Z'].map(t);
  const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  // Half the minutes land in the small hours, where the clocks change.
  const minute = fc.oneof(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 240 }));
  const opening = fc
    .tuple(minute, minute)
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => ({ start: hhmm(Math.min(a, b)), end: hhmm(Math.max(a, b)) }));
  const schedule = fc.oneof(
    fc.array(fc.array(opening, { maxLength: 4 }), { minLength: 7, maxLength: 7 }),
    fc.tuple(fc.integer({ min: 0, max: 6 }), opening).map(([day, o]) => onlyOn(day, o)),
  );
  const hours = fc.record({ timeZone: fc.constantFrom(...zones), schedule });
  const instant = fc.oneof(
    fc.integer({ min: t('2024-01-01T00:00Z'), max: t('2027-12-31T00:00Z') }),
    fc.tuple(fc.constantFrom(...transitions2025), fc.integer({ min: -3 * 86_400, max: 3 * 86_400 })).map(([base, s]) => base + s * 1000),
  );
  const fractions = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 });

  it('nextOpening is the first open instant at or after t', () => {
    fc.assert(
      fc.property(hours, instant, fractions, (h, at, fs) => {
        const next = nextOpening(h, at);
        const hasWindow = h.schedule.some((day) => day.length > 0);
        expect(next === null).toBe(!hasWindow);
        if (isWithinHours(h, at)) expect(next).toBe(at);
        if (next === null) return;
        expect(next).toBeGreaterThanOrEqual(at);
        expect(isWithinHours(h, next)).toBe(true);
        if (next > at) {
          for (const p of [...fs.map((f) => at + Math.floor(f * (next - at))), next - 1]) expect(isWithinHours(h, Math.min(p, next - 1))).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('currentClosing is the first closed instant after t', () => {
    fc.assert(
      fc.property(hours, instant, fractions, (h, at, fs) => {
        const close = currentClosing(h, at);
        expect(close === null).toBe(!isWithinHours(h, at));
        if (close === null) return;
        expect(close).toBeGreaterThan(at);
        expect(isWithinHours(h, close)).toBe(false);
        for (const p of [...fs.map((f) => at + Math.floor(f * (close - at))), close - 1]) expect(isWithinHours(h, Math.min(p, close - 1))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
