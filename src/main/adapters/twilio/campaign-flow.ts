import { z } from 'zod';
import type twilio from 'twilio';
import type { UsAppToPersonInstance } from 'twilio/lib/rest/messaging/v1/service/usAppToPerson';
import type { OwnedNumber } from '../../core/ports/carrier-gateway';
import type { CampaignForm, CampaignRegistration, CampaignUseCase, ExistingRegistration } from '../../core/ports/registration-gateway';
import { toBrandErrors, toBrandRegistration } from './mappers';

/**
 * The A2P campaign on a Messaging Service (twilio-api-notes.md §3.5 step 10):
 * Services/{MG}/Compliance/Usa2p and its Usecases, as the twilio SDK names them.
 */

const useCaseSchema = z.looseObject({ code: z.string(), name: z.string().optional(), description: z.string().optional() });

export async function listCampaignUseCases(client: twilio.Twilio, messagingServiceSid: string, brandSid: string): Promise<CampaignUseCase[]> {
  const found = await client.messaging.v1.services(messagingServiceSid).usAppToPersonUsecases.fetch({ brandRegistrationSid: brandSid });
  return (found.usAppToPersonUsecases ?? []).flatMap((raw: unknown) => {
    const parsed = useCaseSchema.safeParse(raw);
    return parsed.success ? [{ code: parsed.data.code, name: parsed.data.name ?? parsed.data.code, description: parsed.data.description ?? '' }] : [];
  });
}

export function toCampaign(c: UsAppToPersonInstance): CampaignRegistration {
  return {
    sid: c.sid,
    brandSid: c.brandRegistrationSid,
    messagingServiceSid: c.messagingServiceSid,
    useCase: c.usAppToPersonUsecase,
    status: c.campaignStatus,
    errors: toBrandErrors(c.errors),
  };
}

/** A Messaging Service holds one campaign: one already there (a retry after a lost answer) is returned. */
export async function createCampaign(
  client: twilio.Twilio,
  messagingServiceSid: string,
  brandSid: string,
  form: CampaignForm,
): Promise<CampaignRegistration> {
  const campaigns = client.messaging.v1.services(messagingServiceSid).usAppToPerson;
  const existing = (await campaigns.list({ limit: 20 })).find((c) => c.brandRegistrationSid === brandSid && c.campaignStatus !== 'FAILED');
  if (existing !== undefined) return toCampaign(existing);
  const created = await campaigns.create({
    brandRegistrationSid: brandSid,
    description: form.description,
    messageFlow: form.messageFlow,
    messageSamples: form.messageSamples,
    usAppToPersonUsecase: form.useCase,
    hasEmbeddedLinks: form.hasEmbeddedLinks,
    hasEmbeddedPhone: form.hasEmbeddedPhone,
    optInKeywords: form.optInKeywords,
    optInMessage: form.optInMessage,
    optOutKeywords: form.optOutKeywords,
    optOutMessage: form.optOutMessage,
    helpKeywords: form.helpKeywords,
    helpMessage: form.helpMessage,
    // Families agree to texts when they enroll (the message flow says how).
    subscriberOptIn: true,
  });
  return toCampaign(created);
}

export async function fetchCampaign(client: twilio.Twilio, messagingServiceSid: string, campaignSid: string): Promise<CampaignRegistration> {
  return toCampaign(await client.messaging.v1.services(messagingServiceSid).usAppToPerson(campaignSid).fetch());
}

/** Already gone is done: a retry after a lost answer to an earlier delete must not fail on it. */
export async function removeCampaign(client: twilio.Twilio, messagingServiceSid: string, campaignSid: string): Promise<void> {
  try {
    await client.messaging.v1.services(messagingServiceSid).usAppToPerson(campaignSid).remove();
  } catch (error) {
    if (typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 404) return;
    throw error;
  }
}

export async function serviceNumbers(client: twilio.Twilio, messagingServiceSid: string): Promise<OwnedNumber[]> {
  const pool = await client.messaging.v1.services(messagingServiceSid).phoneNumbers.list({ limit: 400 });
  return pool.map((n) => ({ sid: n.sid, phoneNumber: n.phoneNumber, friendlyName: n.phoneNumber, messagingServiceSid }));
}

/**
 * Own account: every Messaging Service with its campaign, that campaign's brand and its numbers.
 * A service without a campaign gets the account's approved brand (a brand belongs to the account,
 * not to a service), so the admin can adopt it and register the campaign from SMS Desk.
 */
export async function findExistingRegistrations(client: twilio.Twilio): Promise<ExistingRegistration[]> {
  const services = await client.messaging.v1.services.list({ limit: 100 });
  const brands = services.length === 0 ? [] : await client.messaging.v1.brandRegistrations.list({ limit: 100 });
  const approved = brands.find((b) => b.status === 'APPROVED') ?? null;
  const result: ExistingRegistration[] = [];
  for (const service of services) {
    const campaigns = await client.messaging.v1.services(service.sid).usAppToPerson.list({ limit: 20 });
    const campaign = campaigns.find((c) => c.campaignStatus !== 'FAILED') ?? campaigns[0];
    const brand = campaign === undefined ? approved : (brands.find((b) => b.sid === campaign.brandRegistrationSid) ?? (await client.messaging.v1.brandRegistrations(campaign.brandRegistrationSid).fetch()));
    result.push({
      messagingServiceSid: service.sid,
      friendlyName: service.friendlyName,
      campaign: campaign === undefined ? null : toCampaign(campaign),
      brand: brand === null ? null : toBrandRegistration(brand),
      numbers: await serviceNumbers(client, service.sid),
    });
  }
  return result;
}
