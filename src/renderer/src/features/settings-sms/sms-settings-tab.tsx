import { useState, type ReactNode } from 'react';
import { useCarrierStatus, useRegistration } from '../../api/carrier-queries';
import { useMessageOptions } from '../../api/message-options-queries';
import { FormError } from '../../components/form-error';
import { AccountModelSection } from './account-model-section';
import { BrandSection } from './brand-section';
import { CampaignSection } from './campaign-section';
import { CarrierAccountPanel } from './carrier-account-panel';
import { PhoneSection } from './phone-section';
import { MessageOptionsPanel } from './message-options-panel';
import { SetupChecklist, SetupStepCard } from './setup-step-card';
import { currentStep, setupSteps, type SetupStep, type StepId } from './setup-steps';
import './setup-steps.css';

/**
 * Settings → SMS as a guided setup: a checklist, then one card per step with its status. Steps
 * not done yet start open (the current one marked), done ones start closed; any can be opened,
 * and a step never closes by itself while someone works in it.
 */
export function SmsSettingsTab() {
  const registration = useRegistration();
  const carrier = useCarrierStatus();
  const options = useMessageOptions();
  const view = registration.data;
  const steps = setupSteps(carrier.data, view, options.data);
  const current = currentStep(steps);
  // The registration decides most steps; one whose own answer is not in yet counts as needing you.
  const loaded = Boolean(view);
  // With their own Twilio account, a business registers in the Console and adopts it in the first step.
  const registering = view?.supported && (view.accountModel === 'provider' || view.brand.state !== 'none');
  const bodies: Record<StepId, ReactNode> = {
    account: (
      <>
        <CarrierAccountPanel />
        {view?.supported ? <AccountModelSection view={view} /> : null}
      </>
    ),
    brand: view?.supported && registering ? <BrandSection view={view} /> : <OwnAccountNote />,
    campaign: view?.supported && registering ? <CampaignSection view={view} /> : <OwnAccountNote />,
    number: view?.supported && registering ? <PhoneSection view={view} /> : <OwnAccountNote />,
    options: <MessageOptionsPanel part="options" />,
    hours: <MessageOptionsPanel part="hours" />,
  };

  return (
    <div className="stack">
      <FormError error={registration.error ?? carrier.error ?? options.error} />
      {view && !view.supported ? (
        <section className="card">
          <h2>Registration</h2>
          <p>
            Self-signup is available for US businesses only. To register in your country, contact <strong>{view.supportContact}</strong> and we will set it
            up with you.
          </p>
        </section>
      ) : null}
      {loaded ? <GuidedSteps steps={steps} current={current} bodies={bodies} /> : null}
    </div>
  );
}

/** Mounted once everything is read, so the steps that still need something start open. */
function GuidedSteps({ steps, current, bodies }: { steps: SetupStep[]; current: StepId | null; bodies: Record<StepId, ReactNode> }) {
  const [open, setOpen] = useState<ReadonlySet<StepId>>(() => new Set(steps.filter((s) => s.status !== 'done').map((s) => s.id)));
  const toggle = (id: StepId) =>
    setOpen((was) => {
      const next = new Set(was);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const pick = (id: StepId) => {
    setOpen((was) => new Set([...was, id]));
    document.getElementById(`setup-step-${id}-card`)?.scrollIntoView?.({ block: 'start' });
  };
  return (
    <>
      <SetupChecklist steps={steps} current={current} onPick={pick} />
      {steps.map((step, index) => (
        <SetupStepCard key={step.id} step={step} index={index} open={open.has(step.id)} current={step.id === current} onToggle={() => toggle(step.id)}>
          {bodies[step.id]}
        </SetupStepCard>
      ))}
    </>
  );
}

function OwnAccountNote() {
  return <p>You chose your own Twilio account: find your registration in Step 1 and SMS Desk uses it as it is.</p>;
}
