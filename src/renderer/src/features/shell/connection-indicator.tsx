import { useSyncExternalStore } from 'react';
import { useSendingStatus } from '../../api/send-queries';

function subscribeOnline(changed: () => void): () => void {
  window.addEventListener('online', changed);
  window.addEventListener('offline', changed);
  return () => {
    window.removeEventListener('online', changed);
    window.removeEventListener('offline', changed);
  };
}

/** Whether this computer has a network connection, as the browser or Electron sees it. */
export const useOnline = () => useSyncExternalStore(subscribeOnline, () => navigator.onLine);

const texts = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'text' : 'texts'}`;

/**
 * Online or not, in the top bar, with what waits to be sent: the computer's connection
 * (navigator.onLine) and main's own word on the carrier (sending paused because it cannot be
 * reached). Waiting texts are kept and go out by themselves once the connection is back.
 */
export function ConnectionIndicator() {
  const online = useOnline();
  const status = useSendingStatus().data;
  const paused = status?.paused ?? null;
  // Main counts every waiting text in the current mode, not only those of the latest sends.
  const waiting = status?.waiting ?? 0;
  const state = !online ? 'offline' : paused ? 'carrier' : 'online';
  const label = { offline: 'Offline', carrier: 'Carrier not reachable', online: 'Online' }[state];
  const waitingWords = waiting > 0 ? `${texts(waiting)} waiting` : null;
  const explanation =
    state === 'offline'
      ? `This computer is not connected to the internet. ${waiting > 0 ? `${texts(waiting)} will go out` : 'Texts go out'} once it is back.`
      : state === 'carrier'
        ? `Sending is paused: ${paused?.reason ?? 'the carrier cannot be reached'}. ${waiting > 0 ? `${texts(waiting)} will go out` : 'Texts go out'} by themselves once it answers.`
        : waiting > 0
          ? `Connected. ${texts(waiting)} waiting to go out (scheduled, outside SMS hours, or on their way).`
          : 'Connected. Nothing is waiting to be sent.';
  return (
    <span className={`connection-indicator ${state}`} role="status" title={explanation} data-state={state}>
      <span className="dot" aria-hidden="true" />
      {label}
      {waitingWords ? <span aria-hidden="true"> · {waitingWords}</span> : null}
      <span className="visually-hidden">. {explanation}</span>
    </span>
  );
}
