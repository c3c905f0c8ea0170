import { useCarrierStatus } from '../../api/carrier-queries';
import { formatPhone } from '../../../../shared/phone/e164';
import { sandboxTriggers } from '../../../../shared/sandbox/trigger-values';

/**
 * In Sandbox mode, the values that make the test carrier say no, next to where they are typed, so
 * each unhappy path can be tried on purpose. Hidden when live: they mean nothing to Twilio.
 */
function SandboxHint({ children }: { children: string }) {
  const status = useCarrierStatus();
  if (status.data?.mode !== 'sandbox') return null;
  return <p className="hint sandbox-hint">{children}</p>;
}

export const brandHint =
  `Sandbox test values: EIN ${sandboxTriggers.failingEin} fails review (the tax ID does not match the name), ` +
  `EIN ${sandboxTriggers.undecidedEin} stays in review and is never decided, and any other EIN is approved after a short wait.`;

export const areaCodeHint = `Sandbox test value: area code ${sandboxTriggers.emptyAreaCode} has no numbers available; every other area code has some.`;

export const landlineHint = `Sandbox test value: ${formatPhone(sandboxTriggers.landlineNumber, 'US')} behaves like a landline, so the carrier refuses every text to it.`;

export const BrandSandboxHint = () => <SandboxHint>{brandHint}</SandboxHint>;
export const AreaCodeSandboxHint = () => <SandboxHint>{areaCodeHint}</SandboxHint>;
export const LandlineSandboxHint = () => <SandboxHint>{landlineHint}</SandboxHint>;
