import { toE164 } from '../../../shared/phone/e164';

/**
 * Numbers parsed to warm the parser: enough for V8 to optimize its code, not only compile it.
 * 200 left the first big list after a quiet spell at 6-10 µs a number against 4-5 warm; 2,000
 * (~10 ms) bring it within ~10 % of warm.
 */
export const WARM_UP_NUMBERS = 2_000;

/** Numbers in the shapes staff paste: E.164, national with punctuation, bare digits, junk. */
function sample(i: number): string {
  const line = String(1000 + (i % 9000));
  switch (i % 4) {
    case 0: return `+1512555${line}`;
    case 1: return `(737) 555-${line}`;
    case 2: return `214555${line}`;
    default: return `555-${line} ext ${i}`;
  }
}

/**
 * Parses a couple of thousand sample numbers, so the parser's code is compiled and optimized: when
 * a thread starts, and again after a memory-returning collection (which may discard that code), so
 * the next big list does not pay for it.
 */
export function warmParser(): void {
  for (let i = 0; i < WARM_UP_NUMBERS; i++) toE164(sample(i), 'US');
}
