import { AppError, type RegistrationView } from '../../../shared/contract';
import type { BrandFormValues } from '../../../shared/registration/brand-form';
import { CarrierError, type BrandRegistration } from '../ports/carrier-gateway';
import type { Clock } from '../ports/clock';
import type { SettingsStore } from '../ports/settings-store';
import type { CarrierProvider } from './carrier-service';
import type { RegistrationRepository, RegistrationRow } from './registration-repository';

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
    private readonly repo: RegistrationRepository,
    private readonly carriers: CarrierProvider,
    private readonly settings: SettingsStore,
    private readonly clock: Clock,
    options: RegistrationOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.onNumberAssigned = options.onNumberAssigned ?? (() => {});
  }

  view(): RegistrationView {
    const country = this.settings.read().country;
    if (country !== 'US') return { supported: false, country, supportContact: SUPPORT_CONTACT };
    return this.toView(this.repo.read());
  }

  async submitBrand(form: BrandFormValues): Promise<RegistrationView> {
    this.requireUs();
    const row = this.repo.read();
    if (row.brand_state === 'in_process' || row.brand_state === 'approved') {
      throw new AppError('CONFLICT', 'A brand is already registered or in process. Use Reset Brand to start over.');
    }
    const carrier = await this.carriers.current();
    const result = await translate(carrier.createBrand(form));
    if (result.kind === 'needs_fixes') {
      await translate(carrier.discardBrand(result.ref));
      throw new AppError('INVALID_INPUT', result.issues.map((issue) => issue.message).join(' '));
    }
    this.repo.update(
      {
        brand_form: JSON.stringify(form),
        customer_profile_sid: result.ref.customerProfileSid,
        trust_product_sid: result.ref.trustProductSid,
        brand_sid: result.ref.brandSid,
        brand_state: 'in_process',
        failure_message: null,
        submitted_at: this.clock.now(),
      },
      this.clock.now(),
    );
    return this.applyBrand(result.brand);
  }

  async refresh(): Promise<RegistrationView> {
    this.requireUs();
    const row = this.repo.read();
    if (row.brand_sid && row.brand_state === 'in_process') {
      const carrier = await this.carriers.current();
      return this.applyBrand(await translate(carrier.fetchBrand(row.brand_sid)));
    }
    return this.view();
  }

  async resetBrand(): Promise<RegistrationView> {
    this.requireUs();
    const row = this.repo.read();
    if (row.customer_profile_sid) {
      const carrier = await this.carriers.current();
      await translate(
        carrier.discardBrand({ customerProfileSid: row.customer_profile_sid, trustProductSid: row.trust_product_sid, brandSid: row.brand_sid }),
      );
    }
    this.repo.update(
      { brand_form: null, customer_profile_sid: null, trust_product_sid: null, brand_sid: null, brand_state: 'none', failure_message: null, submitted_at: null },
      this.clock.now(),
    );
    return this.view();
  }

  async registerPhoneNumber(areaCode: string): Promise<RegistrationView> {
    this.requireUs();
    const row = this.repo.read();
    if (row.phone_state === 'in_process' || row.phone_state === 'assigned') {
      throw new AppError('CONFLICT', 'A phone number is already registered for this account.');
    }
    const carrier = await this.carriers.current();
    const available = await translate(carrier.searchAvailableNumbers(areaCode, 1));
    const first = available[0];
    if (!first) {
      this.repo.update({ phone_state: 'no_number', phone_area_code: areaCode, phone_number: null }, this.clock.now());
      return this.view();
    }
    const service = row.messaging_service_sid ?? (await translate(carrier.ensureMessagingService('SMS Desk'))).sid;
    const owned = await translate(carrier.buyNumber(first.phoneNumber, service));
    this.repo.update(
      { messaging_service_sid: service, phone_state: 'in_process', phone_area_code: areaCode, phone_number: owned.phoneNumber },
      this.clock.now(),
    );
    return this.completePhoneIfReady();
  }

  private applyBrand(brand: BrandRegistration): RegistrationView {
    const now = this.clock.now();
    if (brand.status === 'APPROVED') this.repo.update({ brand_state: 'approved', failure_message: null }, now);
    else if (brand.status === 'FAILED' || brand.status === 'SUSPENDED') {
      const reason = brand.taxIdMismatch
        ? 'The carriers could not match your EIN to your legal business name. Check both against your IRS paperwork, then reset and register again.'
        : (brand.errors[0]?.description ?? 'The carriers did not approve this brand. Check the details, then reset and register again.');
      this.repo.update({ brand_state: 'failed', failure_message: reason }, now);
    }
    return this.completePhoneIfReady();
  }

  /** The Messaging Service texts go out through, once a number is assigned to it; null before. */
  sendingServiceSid(): string | null {
    const row = this.repo.read();
    return row.phone_state === 'assigned' ? row.messaging_service_sid : null;
  }

  /** The number families text back to, once assigned; null before. */
  textingNumber(): string | null {
    const row = this.repo.read();
    return row.phone_state === 'assigned' ? row.phone_number : null;
  }

  /** A bought number can text once the brand behind it is approved. */
  private completePhoneIfReady(): RegistrationView {
    const row = this.repo.read();
    if (row.phone_state === 'in_process' && row.brand_state === 'approved') {
      this.repo.update({ phone_state: 'assigned' }, this.clock.now());
      this.onNumberAssigned();
    }
    return this.view();
  }

  private toView(row: RegistrationRow): RegistrationView {
    const timedOut = row.brand_state === 'in_process' && row.submitted_at !== null && this.clock.now() - row.submitted_at > this.timeoutMs;
    const brand: Extract<RegistrationView, { supported: true }>['brand'] = timedOut
      ? { state: 'timed_out' }
      : row.brand_state === 'in_process'
        ? { state: 'in_process', submittedAt: row.submitted_at ?? 0 }
        : row.brand_state === 'failed'
          ? { state: 'failed', message: row.failure_message ?? '' }
          : { state: row.brand_state };
    const phone: Extract<RegistrationView, { supported: true }>['phone'] =
      row.phone_state === 'assigned' && row.phone_number
        ? { state: 'assigned', number: row.phone_number }
        : row.phone_state === 'in_process' || row.phone_state === 'no_number'
          ? { state: row.phone_state, areaCode: row.phone_area_code ?? '' }
          : { state: 'none' };
    return {
      supported: true,
      form: row.brand_form ? (JSON.parse(row.brand_form) as Record<string, string>) : null,
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
