import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../src/main/electron/sender';

const allowed = ['app://sms-desk'];

describe('isTrustedSender', () => {
  it('accepts our page in the main frame', () => {
    expect(isTrustedSender({ url: 'app://sms-desk/index.html', isMainFrame: true }, allowed)).toBe(true);
  });

  it.each([
    ['a subframe of our page', { url: 'app://sms-desk/index.html', isMainFrame: false }],
    ['another origin', { url: 'https://evil.example/', isMainFrame: true }],
    ['a look-alike host', { url: 'app://sms-desk.evil/index.html', isMainFrame: true }],
    ['a file URL', { url: 'file:///etc/passwd', isMainFrame: true }],
    ['no URL', { url: undefined, isMainFrame: true }],
    ['garbage', { url: 'not a url', isMainFrame: true }],
  ])('refuses %s', (_label, sender) => {
    expect(isTrustedSender(sender, allowed)).toBe(false);
  });
});
