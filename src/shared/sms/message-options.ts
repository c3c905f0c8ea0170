import { z } from 'zod';
import { isTimeZone, weeklyScheduleSchema } from '../hours/weekly-schedule';

const weekdayEvenings = { start: '08:00', end: '20:00' };

/** Settings → SMS message options (SPEC §4). Header and footer are added to every text but the signup message. */
export const messageOptionsSchema = z
  .object({
    header: z.string().max(50, 'The header can be at most 50 characters.'),
    footer: z.string().max(50, 'The footer can be at most 50 characters.'),
    signupMessage: z.string().max(160, 'The signup message can be at most 160 characters.'),
    availableHours: z
      .object({
        timeZone: z.string().max(64, 'Choose a valid time zone.').refine(isTimeZone, 'Choose a valid time zone.'),
        schedule: weeklyScheduleSchema,
      })
      .strict(),
    maxPartsPerMessage: z.number().int().min(1, 'Allow at least 1 part.').max(10, 'At most 10 parts.'),
    defaultValidityPeriodSeconds: z.number().int().min(60, 'At least one minute.').max(14_400, 'At most 4 hours (Twilio’s limit).'),
    /**
     * Sending speed in text segments per second: the sending number's carrier limit (a US
     * local number sends about 1). Faster only fills Twilio's queue, where texts can expire.
     * Defaulted so settings saved before this option existed still load.
     */
    messagesPerSecond: z.number().min(0.1, 'At least 0.1 per second.').max(1000, 'At most 1,000 per second.').default(1),
  })
  .strict();

export type MessageOptions = z.infer<typeof messageOptionsSchema>;

export const defaultMessageOptions: MessageOptions = {
  header: '',
  footer: 'Reply STOP to opt out.',
  signupMessage: 'You are now subscribed to text updates. Msg & data rates may apply. Reply STOP to opt out, HELP for help.',
  availableHours: {
    timeZone: 'America/New_York',
    schedule: [[], [weekdayEvenings], [weekdayEvenings], [weekdayEvenings], [weekdayEvenings], [weekdayEvenings], [{ start: '09:00', end: '17:00' }]],
  },
  maxPartsPerMessage: 4,
  defaultValidityPeriodSeconds: 14_400,
  messagesPerSecond: 1,
};
