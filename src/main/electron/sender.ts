/** What the host knows about the frame that sent an IPC message. */
export interface SenderFacts {
  url: string | undefined;
  isMainFrame: boolean;
}

/**
 * Only our own page, in the top frame, may call main. An injected iframe or a page that
 * navigated elsewhere must never reach the core, whatever it sends.
 */
export function isTrustedSender(sender: SenderFacts, allowedOrigins: readonly string[]): boolean {
  if (!sender.isMainFrame || !sender.url) return false;
  let origin: string;
  try {
    const url = new URL(sender.url);
    origin = url.protocol === 'app:' ? `app://${url.host}` : url.origin;
  } catch {
    return false;
  }
  return allowedOrigins.includes(origin);
}
