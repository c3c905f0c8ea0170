import type { MessageOptions } from './message-options';
import { measureSms, type SmsMeasure } from './segments';

/** Signup messages go out exactly as written (SPEC §4); everything else carries header and footer. */
export type OutboundKind = 'mass' | 'reply' | 'automated' | 'signup';

/**
 * The text the carrier really receives. Header and footer sit on their own lines so a family
 * reads "Sunny Swim School" above the message and the opt-out hint below it.
 */
export function composeOutbound(body: string, options: Pick<MessageOptions, 'header' | 'footer'>, kind: OutboundKind): string {
  if (kind === 'signup') return body;
  const header = options.header.trim();
  const footer = options.footer.trim();
  return [header, body.trim(), footer].filter((part) => part.length > 0).join('\n');
}

export interface OutboundPreview {
  text: string;
  measure: SmsMeasure;
  /** Within the admin's "maximum parts per message" and Twilio's 1,600 characters. */
  tooLong: boolean;
}

/** What a send will cost per recipient: the composer and the engine both call this. */
export function previewOutbound(body: string, options: Pick<MessageOptions, 'header' | 'footer' | 'maxPartsPerMessage'>, kind: OutboundKind): OutboundPreview {
  const text = composeOutbound(body, options, kind);
  const measure = measureSms(text);
  return { text, measure, tooLong: measure.segments > options.maxPartsPerMessage || measure.characters > 1600 };
}
