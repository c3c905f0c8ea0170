import { z } from 'zod';
import { defineChannels } from './define';

export const reportGroupings = ['day', 'week', 'month'] as const;
export type ReportGrouping = (typeof reportGroupings)[number];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Pick a date.');

/** One day, week or month of the report: its figures and the span it covers. */
export const reportRowSchema = z.object({
  /** The first day of the span (YYYY-MM-DD, the business's calendar). */
  day: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  creditsUsed: z.number().int(),
  creditsBought: z.number().int(),
  sent: z.number().int(),
  delivered: z.number().int(),
  failed: z.number().int(),
  /** Delivered out of delivered + failed, 0-100; null while none has an outcome. */
  deliveryRate: z.number().nullable(),
  replies: z.number().int(),
  optOuts: z.number().int(),
});
export type ReportRow = z.infer<typeof reportRowSchema>;

export const reportSchema = z.object({
  timeZone: z.string(),
  grouping: z.enum(reportGroupings),
  rows: z.array(reportRowSchema),
  /** Why texts failed over the whole range, in plain words, most first. */
  failureReasons: z.array(z.object({ code: z.number().int().nullable(), reason: z.string(), advice: z.string(), count: z.number().int() })),
});
export type Report = z.infer<typeof reportSchema>;

export const reportsChannels = defineChannels({
  'reports.summary': {
    access: 'viewReports',
    input: z.object({ fromDay: day, toDay: day, grouping: z.enum(reportGroupings) }).strict(),
    output: reportSchema,
  },
});
