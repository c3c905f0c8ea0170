import { useRegistration } from '../../api/carrier-queries';
import { FormError } from '../../components/form-error';
import { BrandSection } from './brand-section';
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
      {view?.supported ? (
        <>
          <BrandSection view={view} />
          <PhoneSection view={view} />
        </>
      ) : null}
    </div>
  );
}
