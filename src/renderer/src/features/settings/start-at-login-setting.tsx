import { useSetStartAtLogin, useStartAtLogin } from '../../api/desktop-queries';
import { FormError } from '../../components/form-error';

/**
 * Start at login, for this computer only: shown in the desktop app where the system has it
 * (Windows, macOS). The tray's checkbox sets the same thing, so the two always agree.
 */
export function StartAtLoginSetting() {
  const state = useStartAtLogin().data;
  const change = useSetStartAtLogin();
  if (!state?.available) return null;
  return (
    <section className="stack narrow" aria-labelledby="this-computer-heading">
      <h2 id="this-computer-heading">This computer</h2>
      <label>
        <input type="checkbox" checked={state.on} disabled={change.isPending} onChange={(event) => change.mutate(event.target.checked)} /> Start SMS Desk when
        this computer starts
      </label>
      <p className="hint">It opens in the tray, so replies and Autopilot keep going before anyone opens the window.</p>
      <FormError error={change.error} />
    </section>
  );
}
