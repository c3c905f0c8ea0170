import type { ReactNode } from 'react';
import { SignedOutSandboxBanner } from '../../components/sandbox-banner';

/** The frame of the screens shown before the app: the Sandbox banner on top, the card centred below. */
export function AuthScreen({ children }: { children: ReactNode }) {
  return (
    <div className="auth-screen">
      <SignedOutSandboxBanner />
      <main className="auth-page">{children}</main>
    </div>
  );
}
