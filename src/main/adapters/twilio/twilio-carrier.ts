import twilio from 'twilio';
import { CarrierError } from '../../core/ports/carrier-gateway';
import type {
  AvailableNumber, BrandForm, BrandRef, BrandRegistration, CarrierGateway, CarrierMessage, CreateBrandResult, ListMessagesQuery,
  MessagePage, MessagingService, OwnedNumber, SendMessageInput,
} from '../../core/ports/carrier-gateway';
import { createBrand } from './brand-flow';
import { toCarrierError } from './error-mapping';
import type { CallEffect } from './error-mapping';
import { toAvailableNumber, toBrandRegistration, toCarrierMessage } from './mappers';
import { HostRewritingRequestClient } from './request-client';

export type TwilioCredentials =
  | { accountSid: string; authToken: string }
  | { accountSid: string; apiKeySid: string; apiKeySecret: string };

export interface TwilioCarrierOptions {
  /** Read from the SecretStore by the caller; kept only inside the SDK client, never logged. */
  credentials: TwilioCredentials;
  /** Sandbox/test: send every Twilio host here (e.g. the simulator). Omit in live mode. */
  baseUrl?: string;
  /** Per-request timeout; default 15 s. */
  timeoutMs?: number;
  /** The ISV's approved primary customer profile (BU…); discovered when omitted. */
  primaryCustomerProfileSid?: string;
  /**
   * Inbound URL for the Messaging Service. Twilio drops replies unless one is set; the default
   * is a Twilio-hosted echo that answers an empty <Response/> (no auto-reply).
   */
  inboundRequestUrl?: string;
}

/** The options that decide how requests go out: enough to build the same client in another thread. */
export type TwilioClientOptions = Pick<TwilioCarrierOptions, 'credentials' | 'baseUrl' | 'timeoutMs'>;

export const NOOP_INBOUND_URL = 'https://twimlets.com/echo?Twiml=%3CResponse%2F%3E';

/**
 * CarrierGateway over the official twilio SDK. Every call rejects only with CarrierError, whose
 * kind tells the caller whether repeating it is safe.
 */
export class TwilioCarrier implements CarrierGateway {
  private readonly client: twilio.Twilio;
  private readonly accountSid: string;
  private readonly primaryProfile: string | undefined;
  private readonly inboundUrl: string;
  private readonly sameClient: TwilioClientOptions;

  constructor(options: TwilioCarrierOptions) {
    const creds = options.credentials;
    this.sameClient = {
      credentials: creds,
      timeoutMs: options.timeoutMs ?? 15_000,
      ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    };
    const httpClient = new HostRewritingRequestClient({ timeoutMs: options.timeoutMs ?? 15_000, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) });
    const [user, password] = 'authToken' in creds ? [creds.accountSid, creds.authToken] : [creds.apiKeySid, creds.apiKeySecret];
    this.client = twilio(user, password, { accountSid: creds.accountSid, httpClient, autoRetry: false });
    // The SDK loads its Messages resource (dozens of modules) on first use: do it now, not in
    // the middle of the first send.
    void this.client.messages;
    this.accountSid = creds.accountSid;
    this.primaryProfile = options.primaryCustomerProfileSid;
    this.inboundUrl = options.inboundRequestUrl ?? NOOP_INBOUND_URL;
  }

  /** For the sending thread's own client, in this process; never logged, never sent anywhere. */
  clientOptions(): TwilioClientOptions {
    return this.sameClient;
  }

  private async call<T>(effect: CallEffect, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toCarrierError(error, effect);
    }
  }

  sendMessage(input: SendMessageInput): Promise<CarrierMessage> {
    return this.call('write', async () => {
      const m = await this.client.messages.create({
        to: input.to,
        body: input.body,
        ...(input.messagingServiceSid === undefined ? {} : { messagingServiceSid: input.messagingServiceSid }),
        ...(input.from === undefined ? {} : { from: input.from }),
        ...(input.validityPeriodSeconds === undefined ? {} : { validityPeriod: input.validityPeriodSeconds }),
        ...(input.sendAt === undefined ? {} : { scheduleType: 'fixed' as const, sendAt: new Date(input.sendAt) }),
        ...(input.smartEncoded === undefined ? {} : { smartEncoded: input.smartEncoded }),
      });
      return toCarrierMessage(m);
    });
  }

  fetchMessage(sid: string): Promise<CarrierMessage> {
    return this.call('read', async () => toCarrierMessage(await this.client.messages(sid).fetch()));
  }

  listMessages(query: ListMessagesQuery): Promise<MessagePage> {
    return this.call('read', async () => {
      let page;
      if (query.pageToken !== undefined) {
        // The token is the next-page URL Twilio gave us; never follow one that leaves this account.
        const expected = `https://api.twilio.com/2010-04-01/Accounts/${this.accountSid}/Messages.json?`;
        if (!query.pageToken.startsWith(expected)) {
          throw new CarrierError({ kind: 'rejected', code: null, httpStatus: null, detail: 'foreign page token' });
        }
        page = await this.client.messages.getPage(query.pageToken);
      } else {
        page = await this.client.messages.page({
          ...(query.to === undefined ? {} : { to: query.to }),
          ...(query.from === undefined ? {} : { from: query.from }),
          ...(query.dateSentAfter === undefined ? {} : { dateSentAfter: new Date(query.dateSentAfter) }),
          ...(query.dateSentBefore === undefined ? {} : { dateSentBefore: new Date(query.dateSentBefore) }),
          pageSize: query.pageSize ?? 50,
        });
      }
      return { messages: page.instances.map(toCarrierMessage), nextPageToken: page.nextPageUrl ?? null };
    });
  }

  searchAvailableNumbers(areaCode: string, limit = 20): Promise<AvailableNumber[]> {
    if (!/^[2-9]\d{2}$/.test(areaCode)) return Promise.resolve([]);
    return this.call('read', async () => {
      const found = await this.client.availablePhoneNumbers('US').local.list({ areaCode: Number(areaCode), smsEnabled: true, limit });
      return found.map(toAvailableNumber);
    });
  }

  buyNumber(phoneNumber: string, messagingServiceSid: string): Promise<OwnedNumber> {
    return this.call('write', async () => {
      // Owning it already means an earlier attempt got through: finish that one instead.
      const owned = await this.client.incomingPhoneNumbers.list({ phoneNumber, limit: 1 });
      const number = owned[0] ?? (await this.client.incomingPhoneNumbers.create({ phoneNumber }));
      const pool = this.client.messaging.v1.services(messagingServiceSid).phoneNumbers;
      const attached = await pool.list({ limit: 400 });
      if (!attached.some((n) => n.sid === number.sid)) await pool.create({ phoneNumberSid: number.sid });
      return { sid: number.sid, phoneNumber: number.phoneNumber, friendlyName: number.friendlyName, messagingServiceSid };
    });
  }

  ensureMessagingService(friendlyName: string): Promise<MessagingService> {
    return this.call('write', async () => {
      const services = this.client.messaging.v1.services;
      const existing = (await services.list({ pageSize: 100 })).find((s) => s.friendlyName === friendlyName);
      if (existing !== undefined) {
        if (existing.inboundRequestUrl || existing.useInboundWebhookOnNumber) {
          return { sid: existing.sid, friendlyName, inboundLogging: true };
        }
        const fixed = await services(existing.sid).update({ inboundRequestUrl: this.inboundUrl, inboundMethod: 'POST' });
        return { sid: fixed.sid, friendlyName, inboundLogging: fixed.inboundRequestUrl !== null };
      }
      const created = await services.create({
        friendlyName,
        inboundRequestUrl: this.inboundUrl,
        inboundMethod: 'POST',
        useInboundWebhookOnNumber: false,
        stickySender: true,
        // The composer previews exact GSM-7/UCS-2 segments; silent substitutions would break that promise.
        smartEncoding: false,
        usecase: 'notifications',
      });
      return { sid: created.sid, friendlyName, inboundLogging: created.inboundRequestUrl !== null };
    });
  }

  createBrand(form: BrandForm): Promise<CreateBrandResult> {
    return this.call('write', () => createBrand(this.client, form, this.primaryProfile));
  }

  fetchBrand(brandSid: string): Promise<BrandRegistration> {
    return this.call('read', async () => toBrandRegistration(await this.client.messaging.v1.brandRegistrations(brandSid).fetch()));
  }

  discardBrand(ref: BrandRef): Promise<void> {
    return this.call('write', async () => {
      const trusthub = this.client.trusthub.v1;
      // Trust product first: it references the customer profile.
      if (ref.trustProductSid !== null) await ignoreMissing(trusthub.trustProducts(ref.trustProductSid).remove());
      await ignoreMissing(trusthub.customerProfiles(ref.customerProfileSid).remove());
    });
  }
}

/** Deleting something already gone is success. */
async function ignoreMissing(op: Promise<unknown>): Promise<void> {
  try {
    await op;
  } catch (error) {
    if (typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 404) return;
    throw error;
  }
}
