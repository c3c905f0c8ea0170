import { z } from 'zod';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour time such as 08:30.');

/** 24:00 closes at midnight, so a day can be open to its very end. */
const endTime = z.union([time, z.literal('24:00')]);

export const openingSchema = z
  .object({ start: time, end: endTime })
  .strict()
  .refine((w) => w.start < w.end, 'The closing time must be after the opening time.');

/** Index 0 is Sunday, as in JavaScript's Date. An empty day means no texts that day. */
export const weeklyScheduleSchema = z.array(z.array(openingSchema).max(4)).length(7);
export type WeeklySchedule = z.infer<typeof weeklyScheduleSchema>;

export const weekdayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};
