/**
 * libphonenumber-js as installed here is patched (patches/, applied by `npm install`): it used to
 * build a regular expression from its pattern text on every check, over 40 % of parsing a number,
 * and a big recipient list's first estimate waits for that parsing. These tests fail if the patch
 * is not applied (a fresh install without the postinstall step, or a new version it no longer fits).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { toE164, toE164All } from '../../../src/shared/phone/e164';

const NativeRegExp = RegExp;
let built = 0;

/** Counts the whole-number checks' `new RegExp('^(?:' + pattern + ')$')` made while it is installed. */
function countRegExps(): void {
  built = 0;
  globalThis.RegExp = new Proxy(NativeRegExp, {
    construct(target, args: [string | RegExp, string?]) {
      const [source] = args;
      if (typeof source === 'string' && source.startsWith('^(?:') && source.endsWith(')$')) built += 1;
      return new target(...args);
    },
  });
}

afterEach(() => {
  globalThis.RegExp = NativeRegExp;
});

const numbers = Array.from({ length: 400 }, (_, i) => {
  const line = String(1000 + i).slice(-4);
  return i % 2 === 0 ? `+1512555${line}` : `(737) 555-${line}`;
});

describe('the phone parser’s patterns', () => {
  it('are built once: parsing numbers again builds no regular expression', () => {
    // Every pattern these numbers need is seen once first.
    toE164All(numbers.slice(0, 10), 'US');
    countRegExps();
    for (const raw of numbers) toE164(raw, 'US');
    globalThis.RegExp = NativeRegExp;
    // Unpatched, each number built at least two (its country's pattern, then its type's).
    expect(built).toBe(0);
  });

  it('still answer the same: valid, invalid and foreign numbers', () => {
    expect(toE164('(512) 555-0142', 'US')).toEqual({ ok: true, e164: '+15125550142' });
    expect(toE164('+44 20 7946 0958', 'US')).toEqual({ ok: true, e164: '+442079460958' });
    expect(toE164('(123) 555-0142', 'US').ok).toBe(false);
    expect(toE164('020 7946 0958', 'GB')).toEqual({ ok: true, e164: '+442079460958' });
    // The same pattern text, asked again after a different number, gives each number its own answer.
    expect(toE164('(512) 555-0142', 'US').ok).toBe(true);
    expect(toE164('(023) 555-0142', 'US').ok).toBe(false);
  });
});
