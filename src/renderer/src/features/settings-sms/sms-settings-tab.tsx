import { useRegistration } from '../../api/carrier-queries';
import { FormError } from '../../components/form-error';
import { AccountModelSection } from './account-model-section';
import { BrandSection } from './brand-section';
import { CampaignSection } from './campaign-section';
import { CarrierAccountPanel } from './carrier-account-panel';
import { PhoneSection } from './phone-section';
import { MessageOptionsPanel } from './message-options-panel';

export function SmsSettingsTab() {
  const registration = useRegistration();
  const view = registration.data;
  return (
    <div className="stack">
      <CarrierAccountPanel />
      <MessageOptionsPanel />
      <FormError error={registration.error} />
      {view && !view.supported ? (
        <section className="card">
          <h2>Registration</h2>
          <p>
            Self-signup is available for US businesses only. To register in your country, contact <strong>{view.supportContact}</strong> and we will set it
            up with you.
          </p>
        </section>
      ) : null}
      {view?.supported ? <AccountModelSection view={view} /> : null}
      {/* With their own Twilio account, a business registers in the Console and adopts it above; the steps show once there is something to follow. */}
      {view?.supported && (view.accountModel === 'provider' || view.brand.state !== 'none') ? (
        <>
          <BrandSection view={view} />
          <CampaignSection view={view} />
          <PhoneSection view={view} />
        </>
      ) : null}
    </div>
  );
}
