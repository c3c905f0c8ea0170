import type { Area } from '../../stores/ui-store';

/** What each area will do, said plainly while it is still being built. */
export const areaDescriptions: Record<Area, string> = {
  Compose: 'Write a text to families, students or staff, see exactly how many credits it will use, and send it now or later.',
  'Messenger Center': 'Read and answer replies, one conversation per phone number, with unread counts and notes.',
  Contacts: 'Families, students and staff with their phone numbers and whether they agreed to receive texts. Import from a spreadsheet.',
  Autopilot: 'Automatic texts such as birthday wishes and weekly reminders, always within your allowed sending hours.',
  Credits: 'Your text credit balance, buying more credits, and automatic top-ups.',
  Reports: 'Credits used, delivery rates, replies and opt-outs over time.',
  Settings: 'Staff, security, and your texting account.',
};
