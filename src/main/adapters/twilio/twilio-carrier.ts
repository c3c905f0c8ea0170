import twilio from 'twilio';
import { CarrierError } from '../../core/ports/carrier-gateway';
import type {
  AvailableNumber, BrandForm, BrandRegistration, CarrierCredentials, CarrierGateway, CarrierMessage, CarrierThreadSpec,
  CreateBrandResult, ListMessagesQuery, MessagePage, MessagingService, OwnedNumber, ProfileIssue, SendMessageInput,
} from '../../core/ports/carrier-gateway';
import { registerBrand, updateBrandDetails } from './brand-flow';
import { createCampaign, fetchCampaign, findExistingRegistrations, listCampaignUseCases, removeCampaign, serviceNumbers } from './campaign-flow';
import type {
  BrandProgress, CampaignForm, CampaignRegistration, CampaignUseCase, ExistingRegistration, RegisterBrandInput,
} from '../../core/ports/registration-gateway';
import { toCarrierError } from './error-mapping';
import type { CallEffect } from './error-mapping';
import { toAvailableNumber, toBrandRegistration, toCarrierMessage } from './mappers';
import { PooledRequestClient } from './pooled-request-client';

export type TwilioCredentials = CarrierCredentials;

export interface TwilioCarrierOptions {
  /** Read from the SecretStore by the caller; kept only inside the SDK client, never logged. */
  credentials: TwilioCredentials;
  /** Sandbox/test: send every Twilio host here (e.g. the simulator). Omit in live mode. */
  baseUrl?: string;
  /** Per-request timeout; default 15 s. */
  timeoutMs?: number;
  /**
   * Inbound URL for the Messaging Service. Twilio drops replies unless one is set; the default
   * is a Twilio-hosted echo that answers an empty <Response/> (no auto-reply).
   */
  inboundRequestUrl?: string;
}

export const NOOP_INBOUND_URL = 'https://twimlets.com/echo?Twiml=%3CResponse%2F%3E';

/**
 * CarrierGateway over the official twilio SDK. Every call rejects only with CarrierError, whose
 * kind tells the caller whether repeating it is safe.
 */
export class TwilioCarrier implements CarrierGateway {
  private readonly client: twilio.Twilio;
  private readonly accountSid: string;
  private readonly inboundUrl: string;
  private readonly spec: CarrierThreadSpec;

  constructor(options: TwilioCarrierOptions) {
    const creds = options.credentials;
    // Only what decides how requests go out: the sending thread sends and looks messages up,
    // it never runs the brand flow or sets up a Messaging Service.
    this.spec = { kind: 'twilio', credentials: { ...creds }, baseUrl: options.baseUrl ? options.baseUrl : null, timeoutMs: options.timeoutMs ?? 15_000 };
    const httpClient = new PooledRequestClient({ timeoutMs: options.timeoutMs ?? 15_000, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) });
    const [user, password] = 'authToken' in creds ? [creds.accountSid, creds.authToken] : [creds.apiKeySid, creds.apiKeySecret];
    this.client = twilio(user, password, { accountSid: creds.accountSid, httpClient, autoRetry: false });
    // The SDK loads its Messages resource (dozens of modules) on first use: do it now, not in
    // the middle of the first send.
    void this.client.messages;
    this.accountSid = creds.accountSid;
    this.inboundUrl = options.inboundRequestUrl ?? NOOP_INBOUND_URL;
  }

  /** A copy, so no caller can change how this client sends. Holds the credentials: never logged. */
  threadSpec(): CarrierThreadSpec {
    return { ...this.spec, credentials: { ...this.spec.credentials } };
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
          // Twilio documents DateSent as YYYY-MM-DD; the SDK sends a Date as a full time, a string as given.
          ...(query.dateSentAfter === undefined ? {} : { dateSentAfter: utcDate(query.dateSentAfter) }),
          ...(query.dateSentBefore === undefined ? {} : { dateSentBefore: utcDate(query.dateSentBefore) }),
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

  registerBrand(input: RegisterBrandInput): Promise<CreateBrandResult> {
    return this.call('write', () => registerBrand(this.client, input));
  }

  updateBrandDetails(form: BrandForm, progress: BrandProgress): Promise<ProfileIssue[]> {
    return this.call('write', () => updateBrandDetails(this.client, form, progress));
  }

  resubmitBrand(brandSid: string): Promise<BrandRegistration> {
    return this.call('write', async () => toBrandRegistration(await this.client.messaging.v1.brandRegistrations(brandSid).update()));
  }

  listCampaignUseCases(messagingServiceSid: string, brandSid: string): Promise<CampaignUseCase[]> {
    return this.call('read', () => listCampaignUseCases(this.client, messagingServiceSid, brandSid));
  }

  createCampaign(messagingServiceSid: string, brandSid: string, campaign: CampaignForm): Promise<CampaignRegistration> {
    return this.call('write', () => createCampaign(this.client, messagingServiceSid, brandSid, campaign));
  }

  fetchCampaign(messagingServiceSid: string, campaignSid: string): Promise<CampaignRegistration> {
    return this.call('read', () => fetchCampaign(this.client, messagingServiceSid, campaignSid));
  }

  removeCampaign(messagingServiceSid: string, campaignSid: string): Promise<void> {
    return this.call('write', () => removeCampaign(this.client, messagingServiceSid, campaignSid));
  }

  findExistingRegistrations(): Promise<ExistingRegistration[]> {
    return this.call('read', () => findExistingRegistrations(this.client));
  }

  findServiceNumber(messagingServiceSid: string): Promise<OwnedNumber | null> {
    return this.call('read', async () => (await serviceNumbers(this.client, messagingServiceSid))[0] ?? null);
  }

  ownsNumber(phoneNumber: string): Promise<boolean> {
    return this.call('read', async () => (await this.client.incomingPhoneNumbers.list({ phoneNumber, limit: 1 })).length > 0);
  }

  fetchBrand(brandSid: string): Promise<BrandRegistration> {
    return this.call('read', async () => toBrandRegistration(await this.client.messaging.v1.brandRegistrations(brandSid).fetch()));
  }

  fetchBalance(): Promise<{ amount: string; currency: string }> {
    return this.call('read', async () => {
      const balance = await this.client.balance.fetch();
      return { amount: balance.balance, currency: balance.currency };
    });
  }
}

/** The UTC day of `at` as Twilio's DateSent filters take it (YYYY-MM-DD), typed as the SDK's Date parameter. */
function utcDate(at: number): Date {
  return new Date(at).toISOString().slice(0, 10) as unknown as Date;
}
