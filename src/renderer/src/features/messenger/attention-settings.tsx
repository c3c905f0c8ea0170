import { useState } from 'react';
import { browserMode } from '../../api/browser-transport';
import { useAttentionSettings } from '../attention/attention-store';

/** How new replies get attention at this desk: the chime, and in a browser its notifications. */
export function AttentionSettings() {
  const { sound, setSound } = useAttentionSettings();
  return (
    <div className="row attention">
      <label className="checkbox">
        <input type="checkbox" checked={sound} onChange={(event) => setSound(event.target.checked)} /> Sound for new replies
      </label>
      {browserMode ? <BrowserNotifications /> : null}
    </div>
  );
}

type Permission = NotificationPermission | 'unsupported';
const currentPermission = (): Permission => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

/** The browser asks only when the person clicks here, never on load. */
function BrowserNotifications() {
  const [permission, setPermission] = useState<Permission>(currentPermission);
  if (permission === 'unsupported') return null;
  if (permission === 'granted') return <span className="muted">Notifications on</span>;
  if (permission === 'denied') return <span className="muted">Notifications are blocked for this page in the browser’s settings.</span>;
  return (
    <button type="button" onClick={() => void Notification.requestPermission().then(setPermission, () => setPermission(currentPermission()))}>
      Show notifications for new replies
    </button>
  );
}
