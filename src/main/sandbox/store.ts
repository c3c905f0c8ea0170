import { z } from 'zod';
import { JsonStateFile } from './json-state-file.ts';
import {
  addressSchema, assignmentSchema, brandSchema, campaignSchema, bundleSchema, endUserSchema, evaluationSchema, forcedOutcomeSchema,
  incomingNumberSchema, messageSchema, serviceSchema, supportingDocumentSchema,
} from './state-schema.ts';
import type {
  Address, Assignment, Brand, Bundle, Campaign, EndUser, Evaluation, ForcedOutcome, IncomingNumber, Service, SimMessage, SupportingDocument,
} from './state-schema.ts';
import { simSettingsSchema } from './settings.ts';
import type { SimSettings } from './settings.ts';

const stateFileSchema = z.object({
  version: z.literal(1),
  clockOffsetMs: z.number(),
  settings: simSettingsSchema,
  messages: z.array(messageSchema),
  numbers: z.array(incomingNumberSchema),
  services: z.array(serviceSchema),
  addresses: z.array(addressSchema),
  bundles: z.array(bundleSchema),
  endUsers: z.array(endUserSchema),
  documents: z.array(supportingDocumentSchema),
  assignments: z.array(assignmentSchema),
  evaluations: z.array(evaluationSchema),
  brands: z.array(brandSchema),
  /** Absent in files written before campaigns existed. */
  campaigns: z.array(campaignSchema).default([]),
  optOuts: z.array(z.string()),
  senderCursor: z.record(z.string(), z.number()),
  forcedOutcomes: z.record(z.string(), forcedOutcomeSchema),
});
type StateFile = z.infer<typeof stateFileSchema>;

const byId = <T extends { sid: string }>(items: readonly T[]): Map<string, T> => new Map(items.map((i) => [i.sid, i]));

/**
 * In-memory state of one simulated Twilio account. Maps keep insertion order, which is
 * creation order; lists sort from there.
 */
export class SimStore {
  clockOffsetMs = 0;
  settings: SimSettings;
  readonly messages = new Map<string, SimMessage>();
  readonly numbers = new Map<string, IncomingNumber>();
  readonly services = new Map<string, Service>();
  readonly addresses = new Map<string, Address>();
  readonly bundles = new Map<string, Bundle>();
  readonly endUsers = new Map<string, EndUser>();
  readonly documents = new Map<string, SupportingDocument>();
  readonly assignments = new Map<string, Assignment>();
  readonly evaluations = new Map<string, Evaluation>();
  readonly brands = new Map<string, Brand>();
  readonly campaigns = new Map<string, Campaign>();
  /** `${scope}|${phone}` where scope is the Messaging Service sid or the sender number. */
  readonly optOuts = new Set<string>();
  /** Earliest time each sender is free to start its next message. */
  readonly senderCursor = new Map<string, number>();
  /** Outcome a recipient's next messages get, overriding the random rates. */
  readonly forcedOutcomes = new Map<string, ForcedOutcome>();

  constructor(settings: SimSettings) {
    this.settings = settings;
  }

  numberByPhone(phone: string): IncomingNumber | undefined {
    for (const n of this.numbers.values()) if (n.phoneNumber === phone) return n;
    return undefined;
  }

  toFile(): StateFile {
    return {
      version: 1,
      clockOffsetMs: this.clockOffsetMs,
      settings: this.settings,
      messages: [...this.messages.values()],
      numbers: [...this.numbers.values()],
      services: [...this.services.values()],
      addresses: [...this.addresses.values()],
      bundles: [...this.bundles.values()],
      endUsers: [...this.endUsers.values()],
      documents: [...this.documents.values()],
      assignments: [...this.assignments.values()],
      evaluations: [...this.evaluations.values()],
      brands: [...this.brands.values()],
      campaigns: [...this.campaigns.values()],
      optOuts: [...this.optOuts],
      senderCursor: Object.fromEntries(this.senderCursor),
      forcedOutcomes: Object.fromEntries(this.forcedOutcomes),
    };
  }

  static fromFile(raw: unknown): SimStore {
    const file = stateFileSchema.parse(raw);
    const store = new SimStore(file.settings);
    store.clockOffsetMs = file.clockOffsetMs;
    const fill = <T extends { sid: string }>(target: Map<string, T>, items: readonly T[]): void => {
      for (const [k, v] of byId(items)) target.set(k, v);
    };
    fill(store.messages, file.messages);
    fill(store.numbers, file.numbers);
    fill(store.services, file.services);
    fill(store.addresses, file.addresses);
    fill(store.bundles, file.bundles);
    fill(store.endUsers, file.endUsers);
    fill(store.documents, file.documents);
    fill(store.assignments, file.assignments);
    fill(store.evaluations, file.evaluations);
    fill(store.brands, file.brands);
    fill(store.campaigns, file.campaigns);
    for (const key of file.optOuts) store.optOuts.add(key);
    for (const [k, v] of Object.entries(file.senderCursor)) store.senderCursor.set(k, v);
    for (const [k, v] of Object.entries(file.forcedOutcomes)) store.forcedOutcomes.set(k, v);
    return store;
  }
}

/** The carrier simulator's account on disk: coalesced, atomic writes (see JsonStateFile). */
export class StatePersister extends JsonStateFile<StateFile> {
  constructor(path: string, snapshot: () => StateFile, delayMs = 50) {
    super(path, snapshot, delayMs);
  }

  /** The stored account, or null when there is none or it cannot be read back (then it is moved aside). */
  static load(path: string): SimStore | null {
    return JsonStateFile.read(path, 'simulator', (raw) => SimStore.fromFile(raw));
  }
}
