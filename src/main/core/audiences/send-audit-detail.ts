import type { Channel } from '../../../shared/contract';
import type { AudienceSelection } from '../../../shared/contract/audience-selection';
import type { QueuedSend } from '../../../shared/contract/sending';
import type { Storage } from '../ports/storage';

/** How long the start of the message kept in the log may be: enough to recognise it, never the text. */
export const AUDIT_PREVIEW_CHARS = 24;

/** What the audit log keeps of a send: how many, to whom in words, when, and a few words of it. */
export interface SendAuditFacts {
  recipients: number;
  /** "Level 2, Swim team and pasted numbers": the names of what was picked, never the numbers. */
  audience: string;
  /** When a scheduled send goes out; left out for "now". */
  scheduledFor?: number;
  /** The send it retried. */
  retryOf?: number;
  preview: string;
}

const SEND_CHANNELS = new Set<Channel>(['sends.create', 'sends.retryFailed', 'audiences.send']);

function shortPreview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > AUDIT_PREVIEW_CHARS ? `${flat.slice(0, AUDIT_PREVIEW_CHARS).trimEnd()}…` : flat;
}

function joinWords(parts: string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** Names stand for ids; long lists are counted so the sentence stays one line. */
function named(ids: readonly number[] | undefined, names: Map<number, string>, one: string, many: string): string[] {
  if (!ids || ids.length === 0) return [];
  if (ids.length > 3) return [`${ids.length} ${many}`];
  return ids.map((id) => names.get(id) ?? `a deleted ${one}`);
}

async function describeSelection(storage: Storage, selection: AudienceSelection, pasted: boolean): Promise<string> {
  const [classes, tags, families] = await Promise.all([
    selection.classes?.length ? storage.contacts.listClasses() : [],
    selection.tags?.length ? storage.contacts.listTags() : [],
    selection.families?.length ? storage.contacts.listFamilies() : [],
  ]);
  const byId = (rows: { id: number; name: string }[]) => new Map(rows.map((row) => [row.id, row.name]));
  const familyNames = byId(families.map((f) => ({ id: f.id, name: `the ${f.name} family` })));
  const parts = [
    ...named(selection.classes, byId(classes), 'class', 'classes'),
    ...named(selection.tags, byId(tags), 'tag', 'tags'),
    ...named(selection.families, familyNames, 'family', 'families'),
    ...(selection.studentsOf === 'all' ? ['all students'] : selection.studentsOf?.length ? [`students of ${selection.studentsOf.length} ${selection.studentsOf.length === 1 ? 'family' : 'families'}`] : []),
    ...(selection.staff ? ['staff'] : []),
    ...(selection.contactIds?.length ? [`${selection.contactIds.length} ${selection.contactIds.length === 1 ? 'contact' : 'contacts'}`] : []),
    ...(pasted ? ['pasted numbers'] : []),
  ];
  return joinWords(parts) || 'pasted numbers';
}

/**
 * The audit detail of a send (Compose, Sandbox, a retry): written by the router after the send was
 * queued, from what was queued, so the count is the real one and no number or body is kept.
 */
export function createSendAuditDetail(storage: Storage) {
  return async (channel: Channel, input: unknown, output: unknown): Promise<string | undefined> => {
    if (!SEND_CHANNELS.has(channel)) return undefined;
    const { batch } = output as QueuedSend;
    const facts: SendAuditFacts = { recipients: batch.recipients, audience: 'pasted numbers', preview: shortPreview(batch.preview) };
    const args = input as { timing?: { kind: string }; batchId?: number; audience?: { selection: AudienceSelection; pasted: string[] } };
    // A send for later (a time, or the next opening of the SMS hours) reads as scheduled.
    if (args.timing !== undefined && args.timing.kind !== 'now' && batch.notBefore !== null) facts.scheduledFor = batch.notBefore;
    if (channel === 'sends.retryFailed') {
      facts.audience = args.batchId === undefined ? 'the numbers a send could not reach' : `the numbers send #${args.batchId} could not reach`;
      if (args.batchId !== undefined) facts.retryOf = args.batchId;
    }
    if (channel === 'audiences.send' && args.audience) {
      // The texts are already queued: a failed look-up of names must not make the send look failed.
      facts.audience = await describeSelection(storage, args.audience.selection, args.audience.pasted.length > 0).catch(() => 'an audience');
    }
    return JSON.stringify(facts);
  };
}
