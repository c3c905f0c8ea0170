import type { carrierChannels } from '../../../shared/contract';
import type { Handlers } from '../router';
import type { Clock } from '../ports/clock';
import type { Storage } from '../ports/storage';
import type { SecretStore } from '../ports/secret-store';
import type { SettingsStore } from '../ports/settings-store';
import { CarrierService, type CarrierFactories } from './carrier-service';
import { RegistrationService, type RegistrationOptions } from './registration-service';
import type { Mode } from '../../../shared/contract';

export type { CarrierFactories, CarrierProvider, TwilioCredentials } from './carrier-service';

export interface CarrierModuleDeps {
  storage: Storage;
  settings: SettingsStore;
  secrets: SecretStore;
  clock: Clock;
  /** `primaryCustomerProfileSid`: the configured Primary Customer Profile of the account each mode talks to. */
  factories: CarrierFactories & { primaryCustomerProfileSid?: (mode: Mode) => Promise<string | null> };
  registration?: RegistrationOptions;
}

export function createCarrierModule(deps: CarrierModuleDeps) {
  const carrier = new CarrierService(deps.settings, deps.secrets, deps.factories);
  const primary = deps.factories.primaryCustomerProfileSid;
  const registration = new RegistrationService(deps.storage.registration, carrier, deps.settings, deps.clock, {
    ...(primary === undefined ? {} : { primaryCustomerProfileSid: primary }),
    ...deps.registration,
  });

  const handlers: Pick<Handlers, keyof typeof carrierChannels> = {
    'carrier.status': () => carrier.status(),
    'carrier.setCredentials': (input) => carrier.setCredentials(input),
    'carrier.clearCredentials': () => carrier.clearCredentials(),
    'carrier.testConnection': () => carrier.testConnection(),
    'carrier.setMode': (input) => carrier.setMode(input.mode),
    'registration.get': () => registration.view(),
    'registration.submitBrand': (input) => registration.submitBrand(input),
    'registration.refresh': () => registration.refresh(),
    'registration.resetBrand': () => registration.resetBrand(),
    'registration.registerPhoneNumber': (input) => registration.registerPhoneNumber(input.areaCode),
    'registration.useCases': () => registration.useCases(),
    'registration.campaignDefaults': () => registration.campaignDefaults(),
    'registration.submitCampaign': (input) => registration.submitCampaign(input),
    'registration.setAccountModel': (input) => registration.setAccountModel(input.accountModel),
    'registration.findExisting': () => registration.findExisting(),
    'registration.adopt': (input) => registration.adopt(input.messagingServiceSid),
    'registration.sendingReadiness': () => registration.sendingReadiness(),
  };
  return { handlers, carrier, registration };
}
