import type { CarrierStatus, RegistrationView } from '../../../../shared/contract';
import type { MessageOptions } from '../../../../shared/sms/message-options';

export type StepStatus = 'done' | 'needs_you' | 'in_review' | 'failed';
export type StepId = 'account' | 'brand' | 'campaign' | 'number' | 'options' | 'hours';

export interface SetupStep {
  id: StepId;
  title: string;
  status: StepStatus;
}

export const stepStatusLabels: Record<StepStatus, string> = {
  done: 'Done',
  needs_you: 'Needs you',
  in_review: 'In review',
  failed: 'Failed',
};

type Supported = Extract<RegistrationView, { supported: true }>;

function brandStatus(view: Supported): StepStatus {
  const state = view.brand.state;
  if (state === 'approved') return 'done';
  if (state === 'in_process') return 'in_review';
  return state === 'none' ? 'needs_you' : 'failed';
}

function campaignStatus(view: Supported): StepStatus {
  const state = view.campaign.state;
  if (state === 'verified') return 'done';
  if (state === 'in_process') return 'in_review';
  return state === 'failed' ? 'failed' : 'needs_you';
}

function numberStatus(view: Supported): StepStatus {
  const state = view.phone.state;
  if (state === 'assigned') return 'done';
  return state === 'in_process' ? 'in_review' : 'needs_you';
}

/**
 * Settings → SMS as a checklist, in the order a business sets up: the texting account, the brand,
 * the campaign, the number, the message options and the SMS hours, each with its status from the
 * registration state main reports. Unsupported countries (no self-signup) skip the carrier steps.
 */
export function setupSteps(carrier: CarrierStatus | undefined, view: RegistrationView | undefined, options: MessageOptions | undefined): SetupStep[] {
  const connected = carrier !== undefined && (carrier.mode === 'sandbox' || (carrier.liveCredentialsSaved && carrier.liveConnectionTested));
  // This step also asks how the business registers (through SMS Desk, or its own Twilio account's
  // registration adopted here): it stays open until a registration has begun either way.
  const decided = view !== undefined && (!view.supported || view.brand.state !== 'none');
  const account: StepStatus = connected && decided ? 'done' : 'needs_you';
  const steps: SetupStep[] = [{ id: 'account', title: 'Texting account', status: account }];
  if (view?.supported) {
    steps.push(
      { id: 'brand', title: 'Business details (brand)', status: brandStatus(view) },
      { id: 'campaign', title: 'How you text families (campaign)', status: campaignStatus(view) },
      { id: 'number', title: 'Texting number', status: numberStatus(view) },
    );
  }
  steps.push(
    { id: 'options', title: 'Message options', status: options && options.signupMessage.trim() ? 'done' : 'needs_you' },
    { id: 'hours', title: 'SMS hours', status: options && options.availableHours.schedule.some((day) => day.length > 0) ? 'done' : 'needs_you' },
  );
  return steps;
}

/** The step to work on now: the first that needs you or failed, else the first in review; none once all are done. */
export function currentStep(steps: readonly SetupStep[]): StepId | null {
  return (steps.find((s) => s.status === 'needs_you' || s.status === 'failed') ?? steps.find((s) => s.status === 'in_review'))?.id ?? null;
}
