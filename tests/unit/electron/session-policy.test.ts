import type { Session } from 'electron';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { applySessionPolicy, type PolicedSession } from '../../../src/main/electron/session-policy';
import { contentSecurityPolicy } from '../../../src/main/web/security-headers';

type Headers = Record<string, string[]>;

function policed() {
  let request: Parameters<PolicedSession['setPermissionRequestHandler']>[0] | undefined;
  let check: (() => boolean) | undefined;
  let headers: Parameters<PolicedSession['webRequest']['onHeadersReceived']>[0] | undefined;
  applySessionPolicy({
    setPermissionRequestHandler: (handler) => void (request = handler),
    setPermissionCheckHandler: (handler) => void (check = handler),
    webRequest: { onHeadersReceived: (listener) => void (headers = listener) },
  });
  return {
    ask(permission: string) {
      const answers: boolean[] = [];
      request?.({}, permission, (granted) => answers.push(granted));
      return answers;
    },
    check: () => check?.(),
    respond(responseHeaders?: Headers) {
      let out: Headers | undefined;
      headers?.({ responseHeaders }, (response) => (out = response.responseHeaders));
      return out;
    },
  };
}

describe('applySessionPolicy', () => {
  it('is written against the shape of a real Session', () => {
    expectTypeOf<Session>().toExtend<PolicedSession>();
  });

  it.each(['notifications', 'media', 'geolocation', 'openExternal', 'clipboard-read'])('refuses the %s permission', (permission) => {
    const session = policed();
    expect(session.ask(permission)).toEqual([false]);
    expect(session.check()).toBe(false);
  });

  it('adds our CSP to every response and keeps its other headers', () => {
    const out = policed().respond({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ['default-src *'] });
    expect(out).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [contentSecurityPolicy()],
      'X-Content-Type-Options': ['nosniff'],
    });
    expect(policed().respond(undefined)?.['Content-Security-Policy']).toEqual([contentSecurityPolicy()]);
  });
});
