import { AppError, type AccountModel, type CampaignFormValues, type FindExistingResult, type Mode, type RegistrationView, type SendingReadiness, type UseCase } from '../../../shared/contract';
import type { BrandFormValues } from '../../../shared/registration/brand-form';
import { CarrierError, type BrandRegistration, type CarrierGateway } from '../ports/carrier-gateway';
import type { CampaignRegistration } from '../ports/registration-gateway';
import type { Clock } from '../ports/clock';
import type { SettingsStore } from '../ports/settings-store';
import type { RegistrationRecord, RegistrationStore } from '../ports/stores/registration-store';
import type { CarrierProvider } from './carrier-service';
import { campaignDefaults } from './campaign-defaults';
import { BRAND_UPDATE_LIMIT, SUSPENDED_MESSAGE, toRegistrationView } from './registration-view';
import {
  adoption, brandOutcome, campaignOutcome, NO_PRIMARY_PROFILE, notReadyReason, progressOf, SUPPORT_CONTACT, toFindExistingResult, translate,
  UPDATES_USED_UP,
} from './registration-outcomes';

export { SUPPORT_CONTACT } from './registration-outcomes';

const DEFAULT_TIMEOUT_MS = 14 * 24 * 3600_000;
const SERVICE_NAME = 'SMS Desk';

export interface RegistrationOptions {
  /** A brand pending longer than this is offered a reset (no message). */
  timeoutMs?: number;
  /** A number became able to text: texts held for it can go now. */
  onNumberAssigned?: () => void;
  /**
   * Provider mode: the approved Primary Customer Profile (BU…) of the account the mode talks to,
   * from configuration (the host: environment, the built-in Sandbox's own). Settings override it.
   */
  primaryCustomerProfileSid?: (mode: Mode) => Promise<string | null>;
}

/** US self-signup (SPEC §2): brand, campaign, then a phone number in a chosen area code. */
export class RegistrationService {
  private readonly timeoutMs: number;
  private readonly onNumberAssigned: () => void;
  private readonly configuredPrimary: (mode: Mode) => Promise<string | null>;

  constructor(
    private readonly repo: RegistrationStore,
    private readonly carriers: CarrierProvider,
    private readonly settings: SettingsStore,
    private readonly clock: Clock,
    options: RegistrationOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.onNumberAssigned = options.onNumberAssigned ?? (() => {});
    this.configuredPrimary = options.primaryCustomerProfileSid ?? (() => Promise.resolve(null));
  }

  async view(): Promise<RegistrationView> {
    const { country, accountModel } = this.settings.read();
    if (country !== 'US') return { supported: false, country, supportContact: SUPPORT_CONTACT };
    const notice = accountModel === 'provider' && (await this.primaryProfile()) === null ? NO_PRIMARY_PROFILE : null;
    return toRegistrationView(await this.repo.read(), { now: this.clock.now(), timeoutMs: this.timeoutMs, accountModel, accountNotice: notice });
  }

  async setAccountModel(accountModel: AccountModel): Promise<RegistrationView> {
    this.requireUs();
    const row = await this.repo.read();
    if (row.brandSid !== null && this.settings.read().accountModel !== accountModel) {
      throw new AppError('CONFLICT', 'A brand is already registered through SMS Desk, so the account type cannot change now.');
    }
    this.settings.update({ accountModel });
    return this.view();
  }

  /**
   * Registers the brand, resuming from whatever an earlier attempt created; after a failure (via
   * Reset Brand) corrects the same brand's details and resubmits it: Twilio has no brand delete.
   */
  async submitBrand(form: BrandFormValues): Promise<RegistrationView> {
    this.requireUs();
    if (this.settings.read().accountModel !== 'provider') {
      throw new AppError('FAILED_PRECONDITION', 'With your own Twilio account, register the brand in the Twilio Console, then choose it here.');
    }
    const row = await this.repo.read();
    if (row.brandState === 'in_process' && !this.timedOut(row)) {
      throw new AppError('CONFLICT', 'Your brand is being reviewed. This can take several days; SMS Desk checks on it for you.');
    }
    if (row.brandState === 'approved') throw new AppError('CONFLICT', 'Your brand is already approved.');
    // Refused before anything is stored: the saved form stays the one Twilio last saw.
    if (row.brandStatus === 'SUSPENDED') throw new AppError('FAILED_PRECONDITION', SUSPENDED_MESSAGE);
    if (row.brandSid !== null && row.brandUpdatesUsed >= BRAND_UPDATE_LIMIT) throw new AppError('FAILED_PRECONDITION', UPDATES_USED_UP);
    const carrier = await this.carriers.current();
    await this.repo.update({ brandForm: JSON.stringify(form) }, this.clock.now());
    if (row.brandSid !== null) return this.resubmitBrand(carrier, row, form);

    const primary = await this.primaryProfile();
    if (primary === null) throw new AppError('FAILED_PRECONDITION', NO_PRIMARY_PROFILE);
    const result = await translate(
      carrier.registerBrand({
        form,
        primaryCustomerProfileSid: primary,
        progress: progressOf(row),
        // Each SID is kept the moment Twilio makes it: a retry continues, never duplicates.
        saveProgress: async (patch) => void (await this.repo.update(patch, this.clock.now())),
      }),
    );
    if (result.kind === 'needs_fixes') throw new AppError('INVALID_INPUT', result.issues.map((issue) => issue.message).join(' '));
    await this.repo.update(
      { brandSid: result.ref.brandSid, brandState: 'in_process', brandStatus: result.brand.status, failureMessage: null, submittedAt: this.clock.now() },
      this.clock.now(),
    );
    return this.applyBrand(result.brand);
  }

  private async resubmitBrand(carrier: CarrierGateway, row: RegistrationRecord, form: BrandFormValues): Promise<RegistrationView> {
    const issues = await translate(carrier.updateBrandDetails(form, progressOf(row)));
    if (issues.length > 0) throw new AppError('INVALID_INPUT', issues.map((issue) => issue.message).join(' '));
    const brandSid = row.brandSid ?? '';
    // Twilio resubmits only a FAILED brand (21725 otherwise). One that is back in review after a
    // failure took a resubmission whose answer was lost: that one counts, and is not sent again.
    const current = await translate(carrier.fetchBrand(brandSid));
    if (current.status !== 'FAILED') {
      const resubmitted = row.brandStatus === 'FAILED';
      await this.repo.update(
        { brandState: 'in_process', brandStatus: current.status, brandUpdatesUsed: row.brandUpdatesUsed + (resubmitted ? 1 : 0), failureMessage: null, submittedAt: this.clock.now() },
        this.clock.now(),
      );
      return this.applyBrand(current);
    }
    let brand: BrandRegistration;
    try {
      brand = await carrier.resubmitBrand(brandSid);
    } catch (error) {
      if (error instanceof CarrierError && error.code === 21724) {
        await this.repo.update({ brandUpdatesUsed: BRAND_UPDATE_LIMIT }, this.clock.now());
        throw new AppError('FAILED_PRECONDITION', UPDATES_USED_UP);
      }
      return translate(Promise.reject(error));
    }
    await this.repo.update(
      { brandState: 'in_process', brandStatus: brand.status, brandUpdatesUsed: row.brandUpdatesUsed + 1, failureMessage: null, submittedAt: this.clock.now() },
      this.clock.now(),
    );
    return this.applyBrand(brand);
  }

  /** Checks Twilio for the brand's and the campaign's outcome (also run in the background). */
  /** Reads the carrier's verdicts; `settled` also re-reads an approved brand and a verified campaign (the daily look). */
  async refresh(options: { settled?: boolean } = {}): Promise<RegistrationView> {
    this.requireUs();
    const row = await this.repo.read();
    if (row.brandSid && (row.brandState === 'in_process' || (options.settled === true && row.brandState === 'approved'))) {
      const carrier = await this.carriers.current();
      await this.applyBrand(await translate(carrier.fetchBrand(row.brandSid)));
    }
    const after = await this.repo.read();
    if (after.campaignSid && after.messagingServiceSid && (after.campaignState === 'in_process' || (options.settled === true && after.campaignState === 'verified'))) {
      const carrier = await this.carriers.current();
      await this.applyCampaign(await translate(carrier.fetchCampaign(after.messagingServiceSid, after.campaignSid)));
    }
    return this.completePhoneIfReady();
  }

  /**
   * "Reset Brand": opens the submitted details for correction. Nothing is deleted at Twilio (it
   * has no brand delete); the next submit updates the same profiles and resubmits the same brand.
   */
  async resetBrand(): Promise<RegistrationView> {
    this.requireUs();
    const row = await this.repo.read();
    if (row.brandStatus === 'SUSPENDED') throw new AppError('FAILED_PRECONDITION', SUSPENDED_MESSAGE);
    if (row.brandState === 'approved') throw new AppError('CONFLICT', 'Your brand is approved: there is nothing to fix.');
    if (row.brandState === 'in_process' && !this.timedOut(row)) {
      throw new AppError('CONFLICT', 'Your brand is still being reviewed, which can take several days. Fixing is offered if it fails.');
    }
    if (row.brandSid !== null && row.brandUpdatesUsed >= BRAND_UPDATE_LIMIT) throw new AppError('FAILED_PRECONDITION', UPDATES_USED_UP);
    await this.repo.update({ brandState: 'none', failureMessage: null }, this.clock.now());
    return this.view();
  }

  /** Twilio's campaign use cases for this brand; creates the Messaging Service if there is none yet. */
  async useCases(): Promise<{ useCases: UseCase[] }> {
    const { carrier, service, brandSid } = await this.campaignPrerequisites();
    const found = await translate(carrier.listCampaignUseCases(service, brandSid));
    return { useCases: found.map((u) => ({ code: u.code, name: u.name, description: u.description })) };
  }

  async campaignDefaults(): Promise<CampaignFormValues> {
    const row = await this.repo.read();
    const brand = row.brandForm ? (JSON.parse(row.brandForm) as { legalName?: string }) : {};
    return campaignDefaults(brand.legalName ?? '', this.settings.read().messageOptions);
  }

  /** Registers the campaign on the Messaging Service; after a failure, replaces the failed one. */
  async submitCampaign(form: CampaignFormValues): Promise<RegistrationView> {
    const { carrier, service, brandSid } = await this.campaignPrerequisites();
    const row = await this.repo.read();
    if (row.campaignState === 'in_process' || row.campaignState === 'verified') {
      throw new AppError('CONFLICT', 'A campaign is already registered or being reviewed.');
    }
    if (row.campaignState === 'failed' && row.campaignSid !== null) {
      await translate(carrier.removeCampaign(service, row.campaignSid));
      await this.repo.update({ campaignSid: null }, this.clock.now());
    }
    await this.repo.update({ campaignForm: JSON.stringify(form) }, this.clock.now());
    const campaign = await translate(carrier.createCampaign(service, brandSid, form));
    await this.repo.update(
      { campaignSid: campaign.sid, campaignState: 'in_process', campaignFailureMessage: null, campaignSubmittedAt: this.clock.now() },
      this.clock.now(),
    );
    await this.applyCampaign(campaign);
    return this.completePhoneIfReady();
  }

  /** Own account: what is already registered there, or what to do in the Console first. */
  async findExisting(): Promise<FindExistingResult> {
    this.requireUs();
    const carrier = await this.carriers.current();
    return toFindExistingResult(await translate(carrier.findExistingRegistrations()));
  }

  /** Own account: takes over a Messaging Service with its brand, campaign and first number. */
  async adopt(messagingServiceSid: string): Promise<RegistrationView> {
    this.requireUs();
    if (this.settings.read().accountModel !== 'own_account') {
      throw new AppError('FAILED_PRECONDITION', 'Choose "I have my own Twilio account" before adopting a registration.');
    }
    const carrier = await this.carriers.current();
    const found = (await translate(carrier.findExistingRegistrations())).find((s) => s.messagingServiceSid === messagingServiceSid);
    if (!found) throw new AppError('NOT_FOUND', 'That Messaging Service is no longer on this Twilio account.');
    await this.repo.update(adoption(found, this.clock.now()), this.clock.now());
    return this.refresh();
  }

  async registerPhoneNumber(areaCode: string): Promise<RegistrationView> {
    this.requireUs();
    const row = await this.repo.read();
    if (row.phoneState === 'in_process' || row.phoneState === 'assigned') {
      throw new AppError('CONFLICT', 'A phone number is already registered for this account.');
    }
    const carrier = await this.carriers.current();
    const service = await this.ensureService(carrier, row);
    // A purchase whose answer was lost may have gone through: use that number, never buy a second.
    const already = await translate(carrier.findServiceNumber(service));
    if (already !== null) return this.numberBought(already.phoneNumber, already.sid, row.phoneAreaCode ?? areaCode);
    // Bought but not yet in the service's pool: the number chosen then is ours, so finish with it.
    const chosen = row.phoneState === 'none' ? row.phoneNumber : null;
    if (chosen !== null && (await translate(carrier.ownsNumber(chosen)))) {
      const owned = await translate(carrier.buyNumber(chosen, service));
      return this.numberBought(owned.phoneNumber, owned.sid, row.phoneAreaCode ?? areaCode);
    }
    const available = await translate(carrier.searchAvailableNumbers(areaCode, 1));
    const first = available[0];
    if (!first) {
      await this.repo.update({ phoneState: 'no_number', phoneAreaCode: areaCode, phoneNumber: null }, this.clock.now());
      return this.view();
    }
    // Kept before buying, so a retry after a lost answer knows which number to look for.
    await this.repo.update({ phoneAreaCode: areaCode, phoneNumber: first.phoneNumber }, this.clock.now());
    const owned = await translate(carrier.buyNumber(first.phoneNumber, service));
    return this.numberBought(owned.phoneNumber, owned.sid, areaCode);
  }

  private async numberBought(phoneNumber: string, sid: string, areaCode: string): Promise<RegistrationView> {
    await this.repo.update({ phoneState: 'in_process', phoneAreaCode: areaCode, phoneNumber, phoneNumberSid: sid }, this.clock.now());
    return this.completePhoneIfReady();
  }

  private async applyBrand(brand: BrandRegistration): Promise<RegistrationView> {
    await this.repo.update(brandOutcome(brand), this.clock.now());
    return this.completePhoneIfReady();
  }

  private async applyCampaign(campaign: CampaignRegistration): Promise<void> {
    await this.repo.update(campaignOutcome(campaign), this.clock.now());
  }

  /** The Messaging Service texts go out through, once its number and campaign can text; null before. */
  async sendingServiceSid(): Promise<string | null> {
    const row = await this.repo.read();
    // A brand suspended after approval stops texts as surely as an unverified campaign.
    return row.phoneState === 'assigned' && row.campaignState === 'verified' && row.brandState === 'approved' ? row.messagingServiceSid : null;
  }

  /** Whether texts can go out, and if not, what is left, for the composer. */
  async sendingReadiness(): Promise<SendingReadiness> {
    if (this.settings.read().country !== 'US') return { ready: false, reason: `Texting is set up by SMS Desk support in your country: contact ${SUPPORT_CONTACT}.` };
    const reason = notReadyReason(await this.repo.read());
    return { ready: reason === null, reason };
  }

  /** The number families text back to, once assigned; null before. */
  async textingNumber(): Promise<string | null> {
    const row = await this.repo.read();
    return row.phoneState === 'assigned' ? row.phoneNumber : null;
  }

  /** A bought number is assigned once the brand is approved; texts go once the campaign is verified too. */
  private async completePhoneIfReady(): Promise<RegistrationView> {
    const row = await this.repo.read();
    if (row.phoneState === 'in_process' && row.brandState === 'approved') {
      await this.repo.update({ phoneState: 'assigned' }, this.clock.now());
    }
    // Texts held until set-up was finished can go now (notifying again is harmless).
    if ((await this.sendingServiceSid()) !== null) this.onNumberAssigned();
    return this.view();
  }

  private async campaignPrerequisites(): Promise<{ carrier: CarrierGateway; service: string; brandSid: string }> {
    this.requireUs();
    const row = await this.repo.read();
    if (row.brandState !== 'approved' || row.brandSid === null) {
      throw new AppError('FAILED_PRECONDITION', 'Your brand needs to be approved before you describe how you will text families.');
    }
    const carrier = await this.carriers.current();
    return { carrier, service: await this.ensureService(carrier, row), brandSid: row.brandSid };
  }

  /** The Messaging Service, kept the moment it exists. */
  private async ensureService(carrier: CarrierGateway, row: RegistrationRecord): Promise<string> {
    if (row.messagingServiceSid !== null) return row.messagingServiceSid;
    const service = (await translate(carrier.ensureMessagingService(SERVICE_NAME))).sid;
    await this.repo.update({ messagingServiceSid: service }, this.clock.now());
    return service;
  }

  private async primaryProfile(): Promise<string | null> {
    const { primaryCustomerProfileSid, mode } = this.settings.read();
    return primaryCustomerProfileSid ?? (await this.configuredPrimary(mode));
  }

  private timedOut(row: RegistrationRecord): boolean {
    return row.submittedAt !== null && this.clock.now() - row.submittedAt > this.timeoutMs;
  }

  private requireUs(): void {
    if (this.settings.read().country !== 'US') {
      throw new AppError('FAILED_PRECONDITION', `Self-signup is available in the US only. Contact ${SUPPORT_CONTACT} to register.`);
    }
  }
}
