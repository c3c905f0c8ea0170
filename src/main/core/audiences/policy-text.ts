import type { SmsPolicy } from '../../../shared/contract/templates';

/** What an admin starts from (SPEC §8): what is sent, how often, how to opt out, message and data rates. */
export const STARTER_FAMILY_POLICY = `Family SMS Policy

What we text: class updates, schedule changes and closures, reminders about events and payments, and answers to your questions.
How often: usually a few texts a month; more when the weather or the schedule changes.
How to stop: reply STOP to any of our texts and that number gets no more. Reply START to get texts again, or HELP for help.
Message and data rates may apply.
We only text numbers that agreed to get our texts, and we never sell or share your number.`;

export const STARTER_STAFF_GUIDELINES = `Staff SMS Guidelines

- Text only people who agreed to get texts. A number that replied STOP gets nothing more from us.
- Keep it short, friendly and useful: class changes, closures, reminders.
- Send within our texting hours unless it cannot wait.
- Check the preview before sending: names filled in, no one missing.
- Never put private details (health, money owed, passwords) in a text.
- Answer replies in the Messenger Center.`;

export function policyOrStarter(saved: SmsPolicy | null): SmsPolicy {
  return saved ?? { familyPolicy: STARTER_FAMILY_POLICY, staffGuidelines: STARTER_STAFF_GUIDELINES, updatedAt: null, updatedBy: null };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The family policy for the website: the text as written, and a small page that shows it (every character escaped). */
export function exportPolicy(familyPolicy: string, businessName: string): { text: string; html: string } {
  const text = familyPolicy.replace(/\r\n?/g, '\n').trim();
  const [first = '', ...rest] = text.split('\n');
  const paragraphs = rest.join('\n').split(/\n{2,}/).map((block) => `<p>${block.split('\n').map(escapeHtml).join('<br>\n')}</p>`);
  const title = escapeHtml(businessName.trim() === '' ? first : `${businessName.trim()}: ${first}`);
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title></head>
<body>
<h1>${escapeHtml(first)}</h1>
${paragraphs.join('\n')}
</body>
</html>
`;
  return { text: `${text}\n`, html };
}
