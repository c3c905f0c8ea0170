import type { Channel } from '../contract';
import { maskSensitive } from './mask';

/** What a sentence builder gets: the detail as the router or a service wrote it, read as JSON when it is. */
export interface AuditFacts {
  /** Parsed JSON detail, or {} when the detail is plain text. */
  data: Record<string, unknown>;
  /** The detail as stored (plain-text details: a reason, a count). */
  text: string;
}

type Builder = (facts: AuditFacts) => string;

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const count = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
const quoted = (value: unknown): string => (str(value) ? ` “${str(value)}”` : '');

/** "Tue, Dec 1, 9:00 AM" in the viewer's own time, the way the send screens show it. */
const when = (ms: number): string =>
  new Date(ms).toLocaleString('en-US', { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

/**
 * "sent 412 texts to Level 2 and the Ruiz family: “Pool closed tomorrow…”". The detail keeps a
 * count, the audience's names and a few words of the message, never the numbers or the whole text.
 */
const sendSentence =
  (defaultAudience: string, again = false): Builder =>
  ({ data }) => {
    const n = num(data.recipients);
    const texts = `${n === null ? 'texts' : count(n, 'text')}${again ? ' again' : ''}`;
    const to = ` to ${str(data.audience) ?? defaultAudience}`;
    const at = num(data.scheduledFor);
    const verb = at !== null ? `scheduled ${texts}${to} for ${when(at)}` : `sent ${texts}${to}`;
    return `${verb}${quoted(data.preview) ? `:${quoted(data.preview)}` : ''}`;
  };

/**
 * Every audited channel of the contract has a sentence here (a test walks the contract), so the
 * log never shows a channel name; the person's name is put in front by `auditSentence`.
 */
export const channelSentences: Record<string, Builder> & Partial<Record<Channel, Builder>> = {
  'staff.create': ({ data }) => `added the staff member${quoted(data.name)}`,
  'staff.update': ({ data }) =>
    data.active === false ? 'turned off a staff profile' : data.active === true ? 'turned a staff profile back on' : data.permissions ? 'changed what a staff member may do' : 'changed a staff profile',
  'staff.resetSecret': () => 'reset a staff member’s PIN',
  'security.updateSettings': () => 'changed the lock and sign-in settings',
  'carrier.setCredentials': () => 'connected the SMS account',
  'carrier.clearCredentials': () => 'disconnected the SMS account',
  'carrier.setMode': ({ data }) => (data.mode === 'live' ? 'switched to live texting' : data.mode === 'sandbox' ? 'switched to the Sandbox (practice texts)' : 'changed the texting mode'),
  'registration.submitBrand': ({ data }) => `sent the business details for approval${quoted(data.legalName ?? data.displayName)}`,
  'registration.resetBrand': () => 'cleared the business details to start again',
  'registration.registerPhoneNumber': ({ data }) => `asked for a texting number${str(data.areaCode) ? ` in area code ${str(data.areaCode)}` : ''}`,
  'registration.submitCampaign': () => 'sent the texting campaign for approval',
  'registration.setAccountModel': () => 'chose how the SMS account is set up',
  'registration.adopt': () => 'linked an existing approved registration',
  'messageOptions.update': ({ data }) => (data.availableHours ? 'changed the SMS hours and message options' : 'changed the message options'),
  'credits.adjust': ({ data }) => {
    const n = num(data.credits);
    if (n === null) return 'adjusted the credit balance';
    return n > 0 ? `added ${count(n, 'credit')} by hand` : `took away ${count(-n, 'credit')} by hand`;
  },
  // Each with its own words when the detail says nothing, so the action filter tells them apart.
  'sends.create': sendSentence('pasted numbers'),
  'audiences.send': sendSentence('an audience'),
  'sends.retryFailed': sendSentence('the numbers a send could not reach', true),
  'sends.cancel': ({ data }) => `cancelled a send${num(data.batchId) !== null ? ` (send #${num(data.batchId)})` : ''}`,
  'messenger.assign': ({ data }) => (data.staffId ? 'assigned a conversation' : 'unassigned a conversation'),
  'audiences.save': ({ data }) => `saved the audience${quoted(data.name)}`,
  'audiences.remove': () => 'deleted an audience',
  'templates.save': ({ data }) => `saved the template${quoted(data.name)}`,
  'templates.remove': () => 'deleted a template',
  'policy.save': () => 'changed the family SMS policy and staff guidelines',
  'contacts.archive': ({ data }) => (data.archived === false ? 'brought back an archived contact' : 'archived a contact'),
  'contacts.merge': () => 'merged two contacts into one',
  'contacts.importRun': () => 'imported contacts from a file',
  'contacts.export': ({ data }) => (data.what === 'consent' ? 'exported the opt-in records' : 'exported the contacts'),
  'billing.createPurchase': ({ data }) => (num(data.credits) !== null ? `started buying ${count(num(data.credits)!, 'credit')}` : 'started buying credits'),
  'billing.setAutoRenew': ({ data }) =>
    num(data.packCredits) !== null && num(data.thresholdCredits) !== null
      ? `turned on Auto Renew: ${count(num(data.packCredits)!, 'credit')} when fewer than ${count(num(data.thresholdCredits)!, 'credit')} are left`
      : 'turned on Auto Renew Credits',
  'billing.clearAutoRenew': () => 'turned off Auto Renew Credits',
  'billing.dismissNotice': () => 'dismissed a billing notice',
  'billing.setConnection': () => 'changed the billing connection',
  'billing.setCountry': ({ data }) => `set the business’s country${str(data.country) ? ` to ${str(data.country)}` : ''}`,
  'autopilot.save': ({ data }) => `saved the Autopilot workflow${quoted(data.name)}`,
  'autopilot.setEnabled': ({ data }) => (data.enabled === false ? 'paused an Autopilot workflow' : 'turned on an Autopilot workflow'),
  'autopilot.remove': () => 'deleted an Autopilot workflow',
};

/** Entries written by services and sign-in rather than by the router for a channel. */
export const eventSentences: Record<string, Builder> = {
  'sends.overrideHours': ({ text }) => {
    const match = /^Batch (\d+) to (\d+) recipients: ?(.*)$/s.exec(text);
    if (!match) return 'sent texts outside the SMS hours';
    const reason = match[3]!.trim();
    return `sent ${count(Number(match[2]), 'text')} outside the SMS hours${reason ? ` (reason: “${reason}”)` : ''}`;
  },
  'billing.renewal': ({ data }) => (num(data.credits) !== null ? `Auto Renew bought ${count(num(data.credits)!, 'credit')}` : 'Auto Renew bought credits'),
  'billing.granted': ({ data }) => (num(data.credits) !== null ? `${count(num(data.credits)!, 'credit')} were added to the balance` : 'credits were added to the balance'),
  'staff.firstAdminCreated': () => 'set up SMS Desk as the first admin',
  'session.signOut': () => 'signed out',
  'session.lockedOut': ({ text }) => `was locked out after too many wrong PINs${/^\d+ wrong/.test(text) ? ` (${text})` : ''}`,
  'session.signInFailed': () => 'typed a wrong PIN',
  'access.refused': ({ text }) => {
    const [channel, times] = text.split(/, (.*)/s);
    const label = channel ? actionLabel(channel) : OTHER;
    const what = label === OTHER ? 'an action their profile does not allow' : `“${label.toLowerCase()}” (their profile does not allow it)`;
    return `was stopped from ${what}${times ? `, ${times}` : ''}`;
  },
};

/** Sentences written without a person in front (the app did them). */
const WITHOUT_PERSON = new Set(['billing.renewal', 'billing.granted']);

const OTHER = 'Other action';

/** A short name for an action, for the action filter: "Changed the message options". */
export function actionLabel(action: string): string {
  const builder = channelSentences[action] ?? eventSentences[action];
  if (!builder) return OTHER;
  const phrase = builder({ data: {}, text: '' });
  return phrase.charAt(0).toUpperCase() + phrase.slice(1);
}

function readFacts(detail: string): AuditFacts {
  try {
    const parsed: unknown = JSON.parse(detail);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { data: parsed as Record<string, unknown>, text: detail };
  } catch {
    // Plain-text detail (a reason, a count).
  }
  return { data: {}, text: detail };
}

/** "Alice changed the SMS hours and message options", masked, for the screen and the CSV alike. */
export function auditSentence(entry: { action: string; detail: string; staffName: string | null }): string {
  const builder = channelSentences[entry.action] ?? eventSentences[entry.action];
  const facts = readFacts(entry.detail);
  const phrase = builder ? builder(facts) : 'did something this version of SMS Desk cannot describe';
  const sentence = WITHOUT_PERSON.has(entry.action) ? phrase.charAt(0).toUpperCase() + phrase.slice(1) : `${entry.staffName ?? 'SMS Desk'} ${phrase}`;
  return maskSensitive(sentence);
}
