import { carrierErrorScope, describeCarrierError, retryHintFor, type CarrierErrorScope, type CarrierRetryHint } from '../../../shared/carrier/error-codes';
import { AppError } from '../../../shared/contract';
import type { RegistrationGateway } from './registration-gateway';

/**
 * The carrier as the core sees it: Twilio's operations in SMS Desk's words, no SDK types.
 * Times are UTC epoch milliseconds; phone numbers are E.164.
 * Every method rejects with `CarrierError` and nothing else.
 */
/** Brand, campaign and discovery methods are in RegistrationGateway (registration-gateway.ts). */
export interface CarrierGateway extends RegistrationGateway {
  sendMessage(input: SendMessageInput): Promise<CarrierMessage>;
  fetchMessage(sid: string): Promise<CarrierMessage>;
  /** Newest first, one page at a time; pass the returned `nextPageToken` to continue. */
  listMessages(query: ListMessagesQuery): Promise<MessagePage>;

  searchAvailableNumbers(areaCode: string, limit?: number): Promise<AvailableNumber[]>;
  /** Buys `phoneNumber` and adds it to the Messaging Service's sender pool. */
  buyNumber(phoneNumber: string, messagingServiceSid: string): Promise<OwnedNumber>;
  /**
   * Finds the Messaging Service named `friendlyName` or creates it, and makes sure inbound
   * messages are logged on the account (polling depends on it: twilio-api-notes.md §3.2).
   */
  ensureMessagingService(friendlyName: string): Promise<MessagingService>;

  fetchBrand(brandSid: string): Promise<BrandRegistration>;

  /** The account's prepaid balance as Twilio states it ("12.34", "USD"): shown to a business on its own account. */
  fetchBalance(): Promise<{ amount: string; currency: string }>;

  /**
   * How to build this same gateway in the sending thread: plain data that survives structured
   * clone, rebuilt there by the adapters' registry (adapters/carrier-thread-registry.ts). It holds
   * the credentials: it crosses only the worker's message port and is never logged.
   */
  threadSpec(): CarrierThreadSpec;
}

export type CarrierCredentials =
  | { accountSid: string; authToken: string }
  | { accountSid: string; apiKeySid: string; apiKeySecret: string };

/**
 * A gateway described as data. `kind` names the adapter that rebuilds it; the Sandbox is the
 * Twilio adapter aimed at the built-in simulator, so it is a `twilio` spec with the simulator's URL.
 */
export interface CarrierThreadSpec {
  kind: 'twilio';
  credentials: CarrierCredentials;
  /** Where every request goes instead of Twilio's hosts (the simulator); null in live mode. */
  baseUrl: string | null;
  timeoutMs: number;
}

/**
 * The carrier cannot be used until someone finishes set-up (no texting number registered, no
 * live credentials saved). Sending holds its texts until set-up changes instead of counting a
 * failure. Screens see it as the FAILED_PRECONDITION it always was.
 */
export class CarrierNotReady extends AppError {
  constructor(message: string) {
    super('FAILED_PRECONDITION', message);
    this.name = 'CarrierNotReady';
  }
}

export type CarrierMessageStatus =
  | 'queued' | 'sending' | 'sent' | 'failed' | 'delivered' | 'undelivered' | 'receiving'
  | 'received' | 'accepted' | 'scheduled' | 'read' | 'partially_delivered' | 'canceled';

export type CarrierDirection = 'inbound' | 'outbound-api' | 'outbound-call' | 'outbound-reply';

export interface SendMessageInput {
  to: string;
  body: string;
  /** Preferred: Twilio picks the sender from the service's pool and applies its settings. */
  messagingServiceSid?: string;
  from?: string;
  /** 1–36,000 s; the message fails with 30036 if still queued after this long. */
  validityPeriodSeconds?: number;
  /** Schedules the message (needs `messagingServiceSid`); UTC epoch ms. */
  sendAt?: number;
  /** Lets Twilio swap look-alike Unicode characters for GSM-7 ones. */
  smartEncoded?: boolean;
}

export interface CarrierMessage {
  sid: string;
  /** Unknown future statuses come through as-is; callers treat them as non-final. */
  status: CarrierMessageStatus | (string & {});
  direction: CarrierDirection | (string & {});
  from: string | null;
  to: string;
  body: string;
  numSegments: number;
  errorCode: number | null;
  errorMessage: string | null;
  messagingServiceSid: string | null;
  dateCreated: number | null;
  dateSent: number | null;
  dateUpdated: number | null;
  price: string | null;
  priceUnit: string | null;
}

export interface ListMessagesQuery {
  to?: string;
  from?: string;
  /** Twilio filters by whole UTC days: messages sent on or after this day. */
  dateSentAfter?: number;
  /** Messages sent on or before this UTC day. */
  dateSentBefore?: number;
  /** 1–1000, default 50. */
  pageSize?: number;
  /** Opaque token from a previous page; when given, the other filters are ignored. */
  pageToken?: string;
}

export interface MessagePage {
  messages: CarrierMessage[];
  nextPageToken: string | null;
}

export interface AvailableNumber {
  phoneNumber: string;
  friendlyName: string;
  locality: string | null;
  region: string | null;
  postalCode: string | null;
  capabilities: { sms: boolean; mms: boolean; voice: boolean };
}

export interface OwnedNumber {
  sid: string;
  phoneNumber: string;
  friendlyName: string;
  messagingServiceSid: string;
}

export interface MessagingService {
  sid: string;
  friendlyName: string;
  /** False would mean replies are not logged and polling cannot see them. */
  inboundLogging: boolean;
}

export type BusinessType =
  | 'Sole Proprietorship' | 'Partnership' | 'Limited Liability Corporation' | 'Co-operative'
  | 'Non-profit Corporation' | 'Corporation';

/** What the owner fills in on Settings → SMS → Register your brand. */
export interface BrandForm {
  legalName: string;
  businessType: BusinessType;
  /** EIN as NN-NNNNNNN. */
  ein: string;
  /** Twilio industry code, e.g. EDUCATION. */
  industry: string;
  websiteUrl: string;
  street: string;
  city: string;
  /** Two-letter US state. */
  state: string;
  postalCode: string;
  contactFirstName: string;
  contactLastName: string;
  email: string;
  phone: string;
  contactTitle?: string;
}

/** Sids that tie a brand to its Trust Hub profiles; keep them to resubmit or discard. */
export interface BrandRef {
  customerProfileSid: string;
  trustProductSid: string | null;
  brandSid: string | null;
}

export interface ProfileIssue {
  /** The form field to fix, when Twilio's evaluation names one. */
  field: keyof BrandForm | null;
  code: number | null;
  message: string;
}

export type CreateBrandResult =
  | { kind: 'submitted'; ref: BrandRef & { brandSid: string }; brand: BrandRegistration }
  | { kind: 'needs_fixes'; ref: BrandRef; issues: ProfileIssue[] };

export type BrandStatus =
  | 'PENDING' | 'IN_REVIEW' | 'APPROVED' | 'FAILED' | 'SUSPENDED' | 'DELETION_PENDING' | 'DELETION_FAILED';

export interface BrandError {
  code: number | null;
  description: string;
  fields: string[];
}

export interface BrandRegistration {
  sid: string;
  /** Unknown values pass through; treat them like PENDING. */
  status: BrandStatus | (string & {});
  customerProfileSid: string | null;
  a2pProfileSid: string | null;
  tcrId: string | null;
  errors: BrandError[];
  /** True when Twilio flagged the tax ID (brand_feedback TAX_ID or a tax-ID error code). */
  taxIdMismatch: boolean;
  dateCreated: number | null;
  dateUpdated: number | null;
}

/**
 * Whether repeating the request is safe:
 * - `not_sent`: Twilio never acted on it (429/20429, connection refused, DNS failure): retry with backoff.
 * - `rejected`: Twilio answered with a permanent error for this request: do not retry.
 * - `in_doubt`: the request left but the answer was lost (timeout, reset, 5xx): look it up first.
 */
export type CarrierErrorKind = 'not_sent' | 'rejected' | 'in_doubt';

export interface CarrierErrorInit {
  kind: CarrierErrorKind;
  /** Twilio error code, or null for network failures. */
  code: number | null;
  httpStatus: number | null;
  /** Twilio's own message or the network error's, for diagnostics; never shown raw to owners. */
  detail: string;
  scope?: CarrierErrorScope;
  /** Overrides the table's advice when the adapter knows better (e.g. a missing setup step). */
  userMessage?: string;
}

export class CarrierError extends Error {
  readonly kind: CarrierErrorKind;
  readonly code: number | null;
  readonly httpStatus: number | null;
  readonly scope: CarrierErrorScope;
  /** What the owner should do, from the shared table, safe to show in the UI. */
  readonly userMessage: string;
  /** What a sender does next, from the shared table: the engine acts on this, never on codes. */
  readonly retryHint: CarrierRetryHint;

  constructor(init: CarrierErrorInit) {
    const info = describeCarrierError(init.code);
    super(`${init.kind}${init.code === null ? '' : ` ${init.code}`}: ${init.detail}`);
    this.name = 'CarrierError';
    this.kind = init.kind;
    this.code = init.code;
    this.httpStatus = init.httpStatus;
    this.scope = init.scope ?? carrierErrorScope(init.code, init.httpStatus);
    this.userMessage = init.userMessage ?? (init.code === null ? networkMessage(init.kind) : info.action);
    this.retryHint = retryHintFor(init.kind, init.code, this.scope);
  }

  get retrySafe(): boolean {
    return this.kind === 'not_sent';
  }
}

function networkMessage(kind: CarrierErrorKind): string {
  switch (kind) {
    case 'not_sent':
      return 'SMS Desk could not reach Twilio, so nothing was sent. It will try again when the connection is back.';
    case 'in_doubt':
      return 'The connection to Twilio dropped before it answered. SMS Desk checks whether the message went out before trying again.';
    case 'rejected':
      return 'Twilio refused the request. Contact SMS Desk support if this keeps happening.';
  }
}
