import { useCarrierStatus } from '../api/carrier-queries';

/** Always visible in Sandbox mode, so nobody believes a test text reached a family. */
export function SandboxBanner() {
  const status = useCarrierStatus();
  if (status.data?.mode !== 'sandbox') return null;
  return (
    <p className="banner" role="status">
      Sandbox mode: texts go to a built-in test carrier and nobody receives them. An admin can switch to live in Settings → SMS.
    </p>
  );
}
