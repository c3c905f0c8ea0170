/**
 * Segment count as Twilio reports it in `num_segments`: GSM-7 when every character is in the
 * GSM 03.38 tables (extension characters take two septets), otherwise UCS-2.
 * Kept inside the simulator so it can run on its own; the app has its own counter in shared/.
 */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '\f^{}\\[~]|€';

const basic = new Set(GSM_BASIC);
const extended = new Set(GSM_EXTENDED);

/** Fills segments greedily without splitting a GSM escape pair or a UTF-16 surrogate pair. */
function pack(costs: readonly number[], single: number, multi: number): number {
  const total = costs.reduce((a, b) => a + b, 0);
  if (total <= single) return 1;
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > multi) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return segments;
}

export function countSegments(body: string): number {
  const chars = [...body];
  const gsm = chars.every((c) => basic.has(c) || extended.has(c));
  if (gsm) return pack(chars.map((c) => (extended.has(c) ? 2 : 1)), 160, 153);
  // UCS-2 counts UTF-16 code units: characters outside the BMP (emoji) take two.
  return pack(chars.map((c) => c.length), 70, 67);
}
