import { AppError, type Mode, type Report, type reportsChannels } from '../../../shared/contract';
import { describeCarrierError } from '../../../shared/carrier/error-codes';
import type { SettingsStore } from '../ports/settings-store';
import type { Storage } from '../ports/storage';
import type { Handlers } from '../router';
import { bucketsFor } from './buckets';

export interface ReportsModuleDeps {
  storage: Pick<Storage, 'reports'>;
  settings: SettingsStore;
}

/** How many failure reasons the report lists. */
const TOP_REASONS = 5;

/** The Reports screen's figures (issue 17): credits, texts, replies and opt-outs per day, week or month. */
export function createReportsModule(deps: ReportsModuleDeps) {
  const summary = async (input: { fromDay: string; toDay: string; grouping: Report['grouping'] }): Promise<Report> => {
    if (input.toDay < input.fromDay) throw new AppError('INVALID_INPUT', 'The end date is before the start date.');
    const { mode, messageOptions } = deps.settings.read();
    const timeZone = messageOptions.availableHours.timeZone;
    const buckets = bucketsFor(input.fromDay, input.toDay, input.grouping, timeZone);
    if (buckets === null) throw new AppError('INVALID_INPUT', 'That is too many days to show one by one. Pick a shorter range, or show it by week or month.');
    return { timeZone, grouping: input.grouping, ...(await figures(mode, buckets)) };
  };

  const figures = async (mode: Mode, buckets: NonNullable<ReturnType<typeof bucketsFor>>) => {
    const counts = await deps.storage.reports.countsPer(mode, buckets);
    const whole = { start: buckets[0]!.start, end: buckets[buckets.length - 1]!.end };
    const codes = await deps.storage.reports.failureCodes(mode, whole, TOP_REASONS);
    return {
      rows: buckets.map((bucket, i) => {
        const c = counts[i]!;
        const outcomes = c.delivered + c.failed;
        return { ...bucket, ...c, deliveryRate: outcomes === 0 ? null : Math.round((c.delivered / outcomes) * 1000) / 10 };
      }),
      failureReasons: codes.map(({ code, count }) => {
        const info = describeCarrierError(code);
        return { code, reason: info.title, advice: info.action, count };
      }),
    };
  };

  const handlers: Pick<Handlers, keyof typeof reportsChannels> = {
    'reports.summary': (input) => summary(input),
  };
  return { handlers, summary };
}
