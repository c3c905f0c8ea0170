import type { Trigger } from '../../../../shared/contract/autopilot';
import type { ClassSummary } from '../../../../shared/contract/contacts';

const dayNames = { sun: 'Sunday', mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday' } as const;
const order = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function lead(minutes: number): string {
  if (minutes === 0) return 'At the start of';
  if (minutes % (24 * 60) === 0) return `${minutes / (24 * 60)} ${minutes === 24 * 60 ? 'day' : 'days'} before`;
  if (minutes % 60 === 0) return `${minutes / 60} ${minutes === 60 ? 'hour' : 'hours'} before`;
  return `${minutes} minutes before`;
}

/** When a workflow runs, in a sentence: "Every Monday and Thursday at 17:15". */
export function describeTrigger(trigger: Trigger, classes: readonly ClassSummary[] = []): string {
  switch (trigger.kind) {
    case 'once': {
      // The date as written, read as a calendar date (no zone can move it to another day).
      const date = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }).format(Date.parse(`${trigger.at.slice(0, 10)}T00:00:00Z`));
      return `Once, on ${date} at ${trigger.at.slice(11, 16)}`;
    }
    case 'weekly': {
      const days = order.filter((d) => trigger.days.includes(d)).map((d) => dayNames[d]);
      const list = days.length === 7 ? 'day' : days.length > 1 ? `${days.slice(0, -1).join(', ')} and ${days.at(-1) ?? ''}` : (days[0] ?? '');
      return `Every ${list} at ${trigger.time}`;
    }
    case 'classSession': {
      const name = classes.find((c) => c.id === trigger.classId)?.name ?? 'a class';
      return `${lead(trigger.minutesBefore)} each ${name} class`;
    }
    case 'birthday':
      return trigger.texts === 'guardians' ? `On each student’s birthday at ${trigger.time}, to their guardians` : `On each person’s birthday at ${trigger.time}`;
    case 'newContact':
      return 'When someone is added to Contacts';
  }
}

/** A moment in the business's time zone, as the desk reads it: "Tue, Mar 10, 14:00". */
export function formatInZone(at: number, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  } catch {
    return new Date(at).toLocaleString();
  }
}
