import { app, session, shell, type WebContents } from 'electron';
import { guardContents } from './navigation-guards';
import { applySessionPolicy } from './session-policy';

/** Process-wide denials: no permission prompts, no foreign navigation, no new windows, no webviews. */
export function applyAppSecurity(paymentOrigins: () => readonly string[] = () => []): void {
  app.on('web-contents-created', (_event, contents: WebContents) => guardContents(contents, (url) => shell.openExternal(url), paymentOrigins));
  applySessionPolicy(session.defaultSession);
}
