import { AppError, type RegistrationView } from '../../../shared/contract';
import type { BrandFormValues } from '../../../shared/registration/brand-form';
import { CarrierError, type BrandRegistration } from '../ports/carrier-gateway';
import type { Clock } from '../ports/clock';
import type { SettingsStore } from '../ports/settings-store';
import type { CarrierProvider } from './carrier-service';
import type { RegistrationRecord, RegistrationStore } from '../ports/stores/registration-store';

export const SUPPORT_CONTACT = 'support@smsdesk.app';
const DEFAULT_TIMEOUT_MS = 14 * 24 * 3600_000;

export interface RegistrationOptions {
  /** A brand pending longer than this is offered a reset (no message). */
  timeoutMs?: number;
  /** A number became able to text: texts held for it can go now. */
  onNumberAssigned?: () => void;
}

/** US self-signup (SPEC §2): brand, then a phone number in a chosen area code. */
export class RegistrationService {
  private readonly timeoutMs: number;
  private readonly onNumberAssigned: () => void;

  constructor(
    private readonly repo: RegistrationStore,
    private readonly carriers: CarrierProvider,
    private readonly settings: SettingsStore,
    private readonly clock: Clock,
    options: RegistrationOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.onNumberAssigned = options.onNumberAssigned ?? (() => {});
  }

  async view(): Promise<RegistrationView> {
    const country = this.settings.read().country;
    if (country !== 'US') return { supported: false, country, supportContact: SUPPORT_CONTACT };
    return this.toView(await this.repo.read());
  }

  async submitBrand(form: BrandFormValues): Promise<RegistrationView> {
    this.requireUs();
    const row = await this.repo.read();
    if (row.brandState === 'in_process' || row.brandState === 'approved') {
      throw new AppError('CONFLICT', 'A brand is already registered or in process. Use Reset Brand to start over.');
    }
    const carrier = await this.carriers.current();
    const result = await translate(carrier.createBrand(form));
    if (result.kind === 'needs_fixes') {
      await translate(carrier.discardBrand(result.ref));
      throw new AppError('INVALID_INPUT', result.issues.map((issue) => issue.message).join(' '));
    }
    await this.repo.update(
      {
        brandForm: JSON.stringify(form),
        customerProfileSid: result.ref.customerProfileSid,
        trustProductSid: result.ref.trustProductSid,
        brandSid: result.ref.brandSid,
        brandState: 'in_process',
        failureMessage: null,
        submittedAt: this.clock.now(),
      },
      this.clock.now(),
    );
    return this.applyBrand(result.brand);
  }

  async refresh(): Promise<RegistrationView> {
    this.requireUs();
    const row = await this.repo.read();
    if (row.brandSid && row.brandState === 'in_process') {
      const carrier = await this.carriers.current();
      return this.applyBrand(await translate(carrier.fetchBrand(row.brandSid)));
    }
    return this.view();
  }

  async resetBrand(): Promise<RegistrationView> {
    this.requireUs();
    const row = await this.repo.read();
    if (row.customerProfileSid) {
      const carrier = await this.carriers.current();
      await translate(
        carrier.discardBrand({ customerProfileSid: row.customerProfileSid, trustProductSid: row.trustProductSid, brandSid: row.brandSid }),
      );
    }
    await this.repo.update(
      { brandForm: null, customerProfileSid: null, trustProductSid: null, brandSid: null, brandState: 'none', failureMessage: null, submittedAt: null },
      this.clock.now(),
    );
    return this.view();
  }

  async registerPhoneNumber(areaCode: string): Promise<RegistrationView> {
    this.requireUs();
    const row = await this.repo.read();
    if (row.phoneState === 'in_process' || row.phoneState === 'assigned') {
      throw new AppError('CONFLICT', 'A phone number is already registered for this account.');
    }
    const carrier = await this.carriers.current();
    const available = await translate(carrier.searchAvailableNumbers(areaCode, 1));
    const first = available[0];
    if (!first) {
      await this.repo.update({ phoneState: 'no_number', phoneAreaCode: areaCode, phoneNumber: null }, this.clock.now());
      return this.view();
    }
    const service = row.messagingServiceSid ?? (await translate(carrier.ensureMessagingService('SMS Desk'))).sid;
    const owned = await translate(carrier.buyNumber(first.phoneNumber, service));
    await this.repo.update(
      { messagingServiceSid: service, phoneState: 'in_process', phoneAreaCode: areaCode, phoneNumber: owned.phoneNumber },
      this.clock.now(),
    );
    return this.completePhoneIfReady();
  }

  private async applyBrand(brand: BrandRegistration): Promise<RegistrationView> {
    const now = this.clock.now();
    if (brand.status === 'APPROVED') await this.repo.update({ brandState: 'approved', failureMessage: null }, now);
    else if (brand.status === 'FAILED' || brand.status === 'SUSPENDED') {
      const reason = brand.taxIdMismatch
        ? 'The carriers could not match your EIN to your legal business name. Check both against your IRS paperwork, then reset and register again.'
        : (brand.errors[0]?.description ?? 'The carriers did not approve this brand. Check the details, then reset and register again.');
      await this.repo.update({ brandState: 'failed', failureMessage: reason }, now);
    }
    return this.completePhoneIfReady();
  }

  /** The Messaging Service texts go out through, once a number is assigned to it; null before. */
  async sendingServiceSid(): Promise<string | null> {
    const row = await this.repo.read();
    return row.phoneState === 'assigned' ? row.messagingServiceSid : null;
  }

  /** The number families text back to, once assigned; null before. */
  async textingNumber(): Promise<string | null> {
    const row = await this.repo.read();
    return row.phoneState === 'assigned' ? row.phoneNumber : null;
  }

  /** A bought number can text once the brand behind it is approved. */
  private async completePhoneIfReady(): Promise<RegistrationView> {
    const row = await this.repo.read();
    if (row.phoneState === 'in_process' && row.brandState === 'approved') {
      await this.repo.update({ phoneState: 'assigned' }, this.clock.now());
      this.onNumberAssigned();
    }
    return this.view();
  }

  private toView(row: RegistrationRecord): RegistrationView {
    const timedOut = row.brandState === 'in_process' && row.submittedAt !== null && this.clock.now() - row.submittedAt > this.timeoutMs;
    const brand: Extract<RegistrationView, { supported: true }>['brand'] = timedOut
      ? { state: 'timed_out' }
      : row.brandState === 'in_process'
        ? { state: 'in_process', submittedAt: row.submittedAt ?? 0 }
        : row.brandState === 'failed'
          ? { state: 'failed', message: row.failureMessage ?? '' }
          : { state: row.brandState };
    const phone: Extract<RegistrationView, { supported: true }>['phone'] =
      row.phoneState === 'assigned' && row.phoneNumber
        ? { state: 'assigned', number: row.phoneNumber }
        : row.phoneState === 'in_process' || row.phoneState === 'no_number'
          ? { state: row.phoneState, areaCode: row.phoneAreaCode ?? '' }
          : { state: 'none' };
    return {
      supported: true,
      form: row.brandForm ? (JSON.parse(row.brandForm) as Record<string, string>) : null,
      brand,
      showReset: brand.state === 'failed' || brand.state === 'timed_out',
      phone,
    };
  }

  private requireUs(): void {
    if (this.settings.read().country !== 'US') {
      throw new AppError('FAILED_PRECONDITION', `Self-signup is available in the US only. Contact ${SUPPORT_CONTACT} to register.`);
    }
  }
}

/** Carrier failures become what the owner should do next. */
async function translate<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof CarrierError) throw new AppError('CARRIER_ERROR', error.userMessage, { code: error.code });
    throw error;
  }
}
