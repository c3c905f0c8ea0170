import { AppError, type CarrierStatus, type Mode } from '../../../shared/contract';
import { CarrierError, CarrierNotReady, type CarrierGateway } from '../ports/carrier-gateway';
import type { SecretStore } from '../ports/secret-store';
import type { SettingsStore } from '../ports/settings-store';

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
}

/** How the core obtains carriers without knowing the SDK or the simulator (injected by the host). */
export interface CarrierFactories {
  /** The built-in Sandbox carrier (starts the local simulator on first use). */
  sandbox(): Promise<CarrierGateway>;
  live(credentials: TwilioCredentials): CarrierGateway;
}

/** The carrier other modules talk to: the Sandbox or the live Twilio account, per the current mode. */
export interface CarrierProvider {
  current(): Promise<CarrierGateway>;
}

export class CarrierService implements CarrierProvider {
  private liveCarrier: CarrierGateway | null = null;

  constructor(
    private readonly settings: SettingsStore,
    private readonly secrets: SecretStore,
    private readonly factories: CarrierFactories,
  ) {}

  async status(): Promise<CarrierStatus> {
    const { mode, liveConnectionTested } = this.settings.read();
    return { mode, liveCredentialsSaved: (await this.liveCredentials()) !== null, liveConnectionTested };
  }

  async current(): Promise<CarrierGateway> {
    return this.forMode(this.settings.read().mode);
  }

  /** Messages go to the carrier they were queued for, even after the mode is switched. */
  async forMode(mode: Mode): Promise<CarrierGateway> {
    return mode === 'sandbox' ? this.factories.sandbox() : this.live();
  }

  async setCredentials(credentials: TwilioCredentials): Promise<CarrierStatus> {
    await this.secrets.set('twilio.accountSid', credentials.accountSid);
    await this.secrets.set('twilio.authToken', credentials.authToken);
    this.liveCarrier = null;
    // New credentials must prove themselves before live mode can be (re)entered.
    this.settings.update({ liveConnectionTested: false, mode: 'sandbox' });
    return this.status();
  }

  async clearCredentials(): Promise<CarrierStatus> {
    await this.secrets.delete('twilio.accountSid');
    await this.secrets.delete('twilio.authToken');
    this.liveCarrier = null;
    this.settings.update({ liveConnectionTested: false, mode: 'sandbox' });
    return this.status();
  }

  /** Asks Twilio for the account's messages (one row): it proves the credentials without sending anything. */
  async testConnection(): Promise<{ ok: boolean; message: string }> {
    try {
      const carrier = await this.live();
      await carrier.listMessages({ pageSize: 1 });
      this.settings.update({ liveConnectionTested: true });
      return { ok: true, message: 'Connected to your Twilio account.' };
    } catch (error) {
      this.settings.update({ liveConnectionTested: false });
      if (error instanceof AppError) return { ok: false, message: error.message };
      if (error instanceof CarrierError) return { ok: false, message: error.userMessage };
      throw error;
    }
  }

  async setMode(mode: Mode): Promise<CarrierStatus> {
    if (mode === 'live') {
      const status = await this.status();
      if (!status.liveCredentialsSaved || !status.liveConnectionTested) {
        throw new AppError('FAILED_PRECONDITION', 'Save your Twilio Account SID and Auth Token and test the connection before switching to live.');
      }
    }
    this.settings.update({ mode });
    return this.status();
  }

  private async live(): Promise<CarrierGateway> {
    if (this.liveCarrier) return this.liveCarrier;
    const credentials = await this.liveCredentials();
    if (!credentials) throw new CarrierNotReady('No Twilio credentials are saved yet. An admin can add them in Settings → SMS.');
    this.liveCarrier = this.factories.live(credentials);
    return this.liveCarrier;
  }

  private async liveCredentials(): Promise<TwilioCredentials | null> {
    const [accountSid, authToken] = await Promise.all([this.secrets.get('twilio.accountSid'), this.secrets.get('twilio.authToken')]);
    return accountSid && authToken ? { accountSid, authToken } : null;
  }
}
