import type { WebContents } from 'electron';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { guardContents, openExternalSafely, type GuardedContents, type Preventable } from '../../../src/main/electron/navigation-guards';

type Listener = (event: Preventable) => void;

/** A page in a fake Electron: fires the events the guards listen to and opens windows. */
function fakeContents() {
  const listeners = new Map<string, Listener[]>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  const contents: GuardedContents = {
    on: (event: string, listener: Listener) => listeners.set(event, [...(listeners.get(event) ?? []), listener]),
    setWindowOpenHandler: (handler) => void (openHandler = handler),
  };
  const fire = (name: string) => {
    let prevented = false;
    for (const listener of listeners.get(name) ?? []) listener({ preventDefault: () => void (prevented = true) });
    return prevented;
  };
  const open = (url: string) => openHandler?.({ url });
  return { contents, fire, open };
}

function guarded() {
  const opened: string[] = [];
  const page = fakeContents();
  guardContents(page.contents, (url) => opened.push(url));
  return { ...page, opened };
}

describe('guardContents', () => {
  it('is written against the shape of a real WebContents', () => {
    expectTypeOf<WebContents>().toExtend<GuardedContents>();
  });

  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('cancels %s', (event) => {
    expect(guarded().fire(event)).toBe(true);
  });

  it('never opens a new window, and hands a plain https: link to the system browser', () => {
    const page = guarded();
    expect(page.open('https://tumbletown.example.com/schedule')).toEqual({ action: 'deny' });
    expect(page.open('http://tumbletown.example.com/')).toEqual({ action: 'deny' });
    expect(page.opened).toEqual(['https://tumbletown.example.com/schedule']);
  });
});

describe('openExternalSafely', () => {
  it('opens a plain https: URL', () => {
    const opened: string[] = [];
    expect(openExternalSafely('https://www.twilio.com/console', (url) => opened.push(url))).toBe(true);
    expect(opened).toEqual(['https://www.twilio.com/console']);
  });

  it.each([
    ['http:', 'http://example.com/'],
    ['file:', 'file:///etc/passwd'],
    ['javascript:', 'javascript:alert(1)'],
    ['a custom scheme', 'ms-settings:privacy'],
    ['app:', 'app://sms-desk/index.html'],
    ['credentials in the URL', 'https://user:pass@example.com/'],
    ['a user name alone', 'https://user@example.com/'],
    ['garbage', 'not a url'],
    ['an empty string', ''],
  ])('refuses %s', (_label, raw) => {
    const opened: string[] = [];
    expect(openExternalSafely(raw, (url) => opened.push(url))).toBe(false);
    expect(opened).toEqual([]);
  });
});

describe('payment pages', () => {
  it('opens the Sandbox checkout page on its own http origin, and no other http page', () => {
    const opened: string[] = [];
    const origins = () => ['http://127.0.0.1:41234'];
    expect(openExternalSafely('http://127.0.0.1:41234/checkout/cs_test_1', (url) => opened.push(url), origins)).toBe(true);
    expect(openExternalSafely('http://127.0.0.1:41235/checkout/cs_test_1', (url) => opened.push(url), origins)).toBe(false);
    expect(openExternalSafely('http://evil.example/checkout', (url) => opened.push(url), origins)).toBe(false);
    expect(openExternalSafely('http://user:pw@127.0.0.1:41234/', (url) => opened.push(url), origins)).toBe(false);
    expect(opened).toEqual(['http://127.0.0.1:41234/checkout/cs_test_1']);
  });
});
