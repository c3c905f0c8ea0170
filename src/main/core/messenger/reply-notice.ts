import { formatPhone } from '../../../shared/phone/e164';

/** A reply just kept, as the notice needs it. */
export interface ArrivedReply {
  phone: string;
  body: string;
  at: number;
}

/** Who would see the notice: its words depend on whether their desk is locked. */
export interface NoticeViewer {
  locked: boolean;
}

export interface ReplyNotice {
  /** The conversation a click opens: the newest reply's. */
  phone: string;
  title: string;
  body: string;
}

/** Enough of a reply to know what it is about; the conversation has the rest. */
const MAX_NOTICE_BODY = 120;
const LOCKED_BODY = 'Unlock SMS Desk to read it.';

const shorten = (text: string) => {
  // Line breaks and control characters read badly in a one-line notice.
  const line = text.replace(/[\p{Cc}\p{Cf}\s]+/gu, ' ').trim();
  return line.length > MAX_NOTICE_BODY ? `${line.slice(0, MAX_NOTICE_BODY - 1).trimEnd()}…` : line;
};

const MAX_TITLE = 150;
const clip = (text: string) => (text.length > MAX_TITLE ? `${text.slice(0, MAX_TITLE - 1)}…` : text);

/** The contacts using a number together ("Ana Lopez & Ben Lopez"), or the number as the desk writes it. */
export function whoTexted(phone: string, names: Readonly<Record<string, readonly string[]>>, country: string): string {
  const known = names[phone] ?? [];
  if (known.length === 0) return formatPhone(phone, country);
  return known.length <= 2 ? known.join(' & ') : `${known.slice(0, 2).join(', ')} & ${known.length - 2} more`;
}

/**
 * The desktop notice for replies that just arrived (newest last). It names who texted — the
 * contact's name, else the number — and shows what they wrote only while the desk is unlocked:
 * a locked desk never shows a message's words.
 */
export function replyNotice(
  replies: readonly ArrivedReply[],
  names: Readonly<Record<string, readonly string[]>>,
  viewer: NoticeViewer,
  country: string,
): ReplyNotice | null {
  const newest = replies.at(-1);
  if (newest === undefined) return null;
  const phones = [...new Set(replies.map((reply) => reply.phone))];
  if (phones.length === 1) {
    const who = whoTexted(newest.phone, names, country);
    const title = replies.length === 1 ? `New reply from ${who}` : `${replies.length.toLocaleString('en-US')} new replies from ${who}`;
    return { phone: newest.phone, title: clip(title), body: viewer.locked ? LOCKED_BODY : shorten(newest.body) };
  }
  // Newest first: the people most likely still waiting by their phone.
  const latestFirst = phones.toReversed();
  const named = latestFirst.slice(0, 2).map((phone) => whoTexted(phone, names, country));
  const others = latestFirst.length - named.length;
  const who = others > 0 ? `${named.join(', ')} and ${others} more` : named.join(' and ');
  return {
    phone: newest.phone,
    title: `${replies.length.toLocaleString('en-US')} new replies`,
    body: viewer.locked ? `From ${clip(who)}. ${LOCKED_BODY}` : `From ${clip(who)}. Latest: ${shorten(newest.body)}`,
  };
}
