import { toE164 } from '../../../shared/phone/e164';

/** Numbers in the shapes staff paste: E.164, national with punctuation, bare digits, junk. */
const SAMPLES: readonly string[] = Array.from({ length: 200 }, (_, i) => {
  const line = String(1000 + i).slice(-4);
  switch (i % 4) {
    case 0: return `+1512555${line}`;
    case 1: return `(737) 555-${line}`;
    case 2: return `214555${line}`;
    default: return `555-${line} ext ${i}`;
  }
});

/**
 * Parses a few hundred sample numbers, so the parser's code is compiled again after a
 * memory-returning collection (which may discard it) and the next big list does not pay for it.
 */
export function warmParser(): void {
  for (const raw of SAMPLES) toE164(raw, 'US');
}
