/**
 * The standard keywords a family may text back (SPEC §7). The carrier acts on them too, so
 * SMS Desk mirrors what Twilio does: the whole message, trimmed, in any letter case.
 */
const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT']);
const OPT_IN = new Set(['START', 'UNSTOP', 'YES']);
const HELP = new Set(['HELP', 'INFO']);

export type Keyword = 'opt_out' | 'opt_in' | 'help';

export function keywordOf(body: string): Keyword | null {
  const word = body.trim().toUpperCase();
  if (OPT_OUT.has(word)) return 'opt_out';
  if (OPT_IN.has(word)) return 'opt_in';
  if (HELP.has(word)) return 'help';
  return null;
}
