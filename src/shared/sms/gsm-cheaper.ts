import { isGsmCharacter } from './gsm-alphabet';

/** Look-alikes that push a text into UCS-2 (70 characters a segment) and their GSM-7 twins. */
const REPLACEMENTS: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u2033': '"', '\u00AB': '"', '\u00BB': '"',
  '\u2013': '-', '\u2014': '-', '\u2012': '-', '\u2015': '-', '\u2212': '-', '\u2010': '-', '\u2011': '-',
  '\u2026': '...',
  '\u00A0': ' ', '\u2002': ' ', '\u2003': ' ', '\u2009': ' ', '\u200A': ' ', '\u202F': ' ', '\u205F': ' ', '\u3000': ' ',
  '\u200B': '', '\uFEFF': '',
  '\u2022': '-', '\u00B7': '-',
  '\u02C6': '^', '\u02DC': '~',
};

/** The GSM-7 replacement for one character, or null when it has none (e.g. an emoji). */
export function replacementFor(char: string): string | null {
  return Object.prototype.hasOwnProperty.call(REPLACEMENTS, char) ? (REPLACEMENTS[char] ?? null) : null;
}

/** Replaces every look-alike it knows; anything else (emoji, other scripts) is left as written. */
export function makeGsmFriendly(text: string): string {
  return [...text].map((c) => (isGsmCharacter(c) ? c : (replacementFor(c) ?? c))).join('');
}
