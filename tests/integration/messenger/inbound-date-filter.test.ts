import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { TwilioCarrier } from '../../../src/main/adapters/twilio/twilio-carrier';
import { ACCOUNT_SID, AUTH_TOKEN } from '../carrier/sim-harness';

// What goes on the wire: Twilio documents the Messages list's DateSent filters as YYYY-MM-DD.
let server: Server | null = null;
afterEach(async () => {
  await new Promise<void>((resolve) => (server === null ? resolve() : server.close(() => resolve())));
  server = null;
});

async function recordingTwilio(): Promise<{ baseUrl: string; urls: string[] }> {
  const urls: string[] = [];
  server = createServer((req, res) => {
    urls.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ messages: [], next_page_uri: null, page: 0, page_size: 1000, uri: req.url, first_page_uri: req.url, previous_page_uri: null }));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { baseUrl: `http://127.0.0.1:${address.port}`, urls };
}

describe('the message list date filter', () => {
  it('sends DateSent> and DateSent< as dates, never as times', async () => {
    const twilio = await recordingTwilio();
    const carrier = new TwilioCarrier({ credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }, baseUrl: twilio.baseUrl, timeoutMs: 5_000 });
    // 2023-11-14 22:13:20 UTC
    await carrier.listMessages({ to: '+15125550100', dateSentAfter: 1_700_000_000_000, dateSentBefore: 1_700_000_000_000, pageSize: 1000 });

    const query = new URL(twilio.urls[0] ?? '', 'http://x').searchParams;
    expect(query.get('DateSent>')).toBe('2023-11-14');
    expect(query.get('DateSent<')).toBe('2023-11-14');
  });
});
