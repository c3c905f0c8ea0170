import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useAppStatus, useSession } from './api/queries';
import { FormError } from './components/form-error';
import { Attention } from './features/attention/attention';
import { FirstRun } from './features/auth/first-run';
import { LockScreen } from './features/auth/lock-screen';
import { SignIn } from './features/auth/sign-in';
import { AppShell } from './features/shell/app-shell';
import { ScreenErrorBoundary } from './features/shell/screen-error-boundary';
import { useUi } from './stores/ui-store';

function useThemeClass(): void {
  const theme = useUi((state) => state.theme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}

/** The last line of defence: each screen has its own boundary, so this one catches only the frame around them. */
export function App() {
  const queryClient = useQueryClient();
  return (
    <ScreenErrorBoundary what="SMS Desk" hint="Try again. If it keeps happening, close SMS Desk and open it again." onRetry={() => void queryClient.invalidateQueries()}>
      <DeskScreen />
    </ScreenErrorBoundary>
  );
}

/** Decides which screen the desk shows: first run, sign-in, lock, or the app. */
function DeskScreen() {
  useThemeClass();
  const status = useAppStatus();
  const session = useSession();

  if (status.error || session.error) return <FormError error={status.error ?? session.error} />;
  if (!status.data || !session.data) return <p className="loading">Loading…</p>;
  if (status.data.needsFirstAdmin) return <FirstRun />;
  const { staff, locked } = session.data;
  if (!staff) return <SignIn />;
  return (
    <>
      <Attention staff={staff} />
      {locked ? <LockScreen name={staff.name} /> : <AppShell staff={staff} />}
    </>
  );
}
