import type { ReactNode } from 'react';
import { useAppStatus } from '../api/queries';
import { useCarrierStatus } from '../api/carrier-queries';

function Banner(): ReactNode {
  return (
    <p className="banner" role="status">
      Sandbox mode: texts go to a built-in test carrier and nobody receives them. An admin can switch to live in Settings → SMS.
    </p>
  );
}

/** Always visible in Sandbox mode, so nobody believes a test text reached a family. */
export function SandboxBanner() {
  // The carrier status is refreshed when an admin switches mode, so the banner follows at once.
  const status = useCarrierStatus();
  return status.data?.mode === 'sandbox' ? <Banner /> : null;
}

/** The same banner before anyone is signed in (first run, sign-in, lock), from the public app status. */
export function SignedOutSandboxBanner() {
  const status = useAppStatus();
  return status.data?.mode === 'sandbox' ? <Banner /> : null;
}
