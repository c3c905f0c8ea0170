import type { CampaignFormValues } from '../../../shared/contract';
import type { MessageOptions } from '../../../shared/sms/message-options';
import { defaultUseCase } from '../../../shared/registration/twilio-values';

/** Twilio's sample limits (usAppToPerson.d.ts): 20–1,024 characters each. */
const fit = (text: string, min: number, max: number, padding: string): string => {
  const trimmed = text.trim();
  const long = trimmed.length >= min ? trimmed : `${trimmed} ${padding}`.trim();
  return long.slice(0, max);
};

/**
 * Good first answers for a class-based business (issue 11, item 1): a Mixed campaign, samples
 * built from the header, footer and signup message the business really sends, and the standard
 * keywords. The admin reads and changes them before anything goes to Twilio.
 */
export function campaignDefaults(business: string, options: MessageOptions): CampaignFormValues {
  const name = business.trim() === '' ? 'our business' : business.trim();
  const wrap = (body: string) => [options.header, body, options.footer].map((part) => part.trim()).filter(Boolean).join(' ');
  return {
    useCase: defaultUseCase,
    description: `${name} texts enrolled families and students about their classes: reminders, schedule changes, closures and occasional news and offers.`,
    messageFlow: `Families give their mobile number and agree to receive texts from ${name} when they enroll, at the front desk or on the sign-up form. They can also text START to opt in. Every text says how to opt out.`,
    messageSamples: [
      fit(wrap('Reminder: class is on today at 4:30 PM. See you there!'), 20, 1024, `(${name})`),
      fit(wrap('The gym is closed on Monday for the holiday. Classes resume Tuesday.'), 20, 1024, `(${name})`),
      fit(options.signupMessage || `You are now subscribed to text updates from ${name}. Reply STOP to opt out.`, 20, 1024, `(${name})`),
    ],
    hasEmbeddedLinks: false,
    hasEmbeddedPhone: false,
    optInKeywords: ['START'],
    optInMessage: fit(`${name}: you are now subscribed to text updates. Msg & data rates may apply. Reply HELP for help, STOP to opt out.`, 20, 320, ''),
    optOutKeywords: ['STOP', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'],
    optOutMessage: fit(`${name}: you are unsubscribed and will get no more texts. Reply START to subscribe again.`, 20, 320, ''),
    helpKeywords: ['HELP', 'INFO'],
    helpMessage: fit(`${name}: for help, call or visit the front desk. Msg & data rates may apply. Reply STOP to opt out.`, 20, 320, ''),
  };
}
