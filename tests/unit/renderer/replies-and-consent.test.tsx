// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ContactsPage } from '../../../src/renderer/src/features/contacts/contacts-page';
import { ThreadPane } from '../../../src/renderer/src/features/messenger/thread-pane';
import type { StaffSummary, ThreadMessage, ThreadView } from '../../../src/shared/contract';
import { defaultMessageOptions } from '../../../src/shared/sms/message-options';
import { fakeApi, renderWithQueries, type Answer } from './harness';

afterEach(cleanup);

const PHONE = '+12125550142';
const NOW = Date.UTC(2026, 10, 25, 15, 0);
const desk: StaffSummary = { id: 's1', name: 'Riley', permissions: ['messengerCenter'], active: true, lockedOutUntil: null, createdAt: 0 };
const inbound: ThreadMessage = { direction: 'inbound', id: 1, body: 'Is class on tonight?', at: NOW, keyword: null };
const signup: ThreadMessage = { direction: 'outbound', id: 2, body: 'Welcome!', at: NOW, kind: 'signup', state: 'delivered', problem: null, staffName: null };

const queued: Answer<'messenger.reply'> = {
  ok: true,
  value: {
    batch: { id: 3, kind: 'reply', preview: 'See you', createdAt: NOW, notBefore: null, recipients: 1, creditsPerRecipient: 1, counts: { queued: 1, claimed: 0, accepted: 0, sent: 0, delivered: 0, undelivered: 0, failed: 0, canceled: 0 } },
    skipped: [],
    balance: { mode: 'sandbox', available: 99, reserved: 1 },
  },
};

function conversation(consent: ThreadView['consent'], messages: ThreadMessage[], reply: Answer<'messenger.reply'> = queued) {
  const view: ThreadView = { phone: PHONE, names: [], consent, handled: false, handledBy: null, handledAt: null, assignedTo: null, messages, olderCursor: null, notes: [] };
  const api = fakeApi({
    'messenger.thread': { ok: true, value: view },
    'messenger.markRead': { ok: true, value: { unread: 0 } },
    'messageOptions.get': { ok: true, value: defaultMessageOptions },
    'messenger.reply': reply,
  });
  renderWithQueries(<ThreadPane phone={PHONE} country="US" now={NOW} staff={desk} />);
  return api;
}

describe('the reply box follows main’s rule for who may be answered', () => {
  it('is offered for a number that texted in, even one never opted in', async () => {
    conversation('never', [inbound]);
    expect(await screen.findByLabelText('Reply')).toBeTruthy();
  });

  it('is replaced by the reason for a number that opted out', async () => {
    conversation('opted_out', [inbound]);
    expect(await screen.findByText(/opted out\. It can be texted again only after it replies START/)).toBeTruthy();
    expect(screen.queryByLabelText('Reply')).toBeNull();
  });

  it('is replaced by the reason for a number that never texted in nor opted in', async () => {
    conversation('never', [signup]);
    expect(await screen.findByText(/has not texted you and has not opted in/)).toBeTruthy();
    expect(screen.queryByLabelText('Reply')).toBeNull();
  });

  it('shows main’s refusal in words when main says no', async () => {
    const api = conversation('never', [inbound], { ok: false, error: { code: 'FAILED_PRECONDITION', message: 'This number opted out of texts.' } });
    fireEvent.change(await screen.findByLabelText('Reply'), { target: { value: 'Yes, see you at 5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send reply' }));
    expect(await screen.findByText('This number opted out of texts.')).toBeTruthy();
    expect(api.calls.filter((c) => c.channel === 'messenger.reply')).toHaveLength(1);
  });
});

describe('opting a number in on Contacts', () => {
  const staff = (permissions: StaffSummary['permissions']) => ({ id: 's1', name: 'Riley', permissions, active: true, lockedOutUntil: null, createdAt: 0 }) as StaffSummary;
  const contacts = (permissions: StaffSummary['permissions']) => {
    fakeApi({
      'app.status': { ok: true, value: { needsFirstAdmin: false, mode: 'sandbox', country: 'US', version: '1' } },
      'messageOptions.get': { ok: true, value: defaultMessageOptions },
      'consent.list': { ok: true, value: { entries: [], total: 0 } },
    });
    renderWithQueries(<ContactsPage staff={staff(permissions)} />);
    // Opting a number in lives on the Numbers and consent tab; People opens first.
    fireEvent.click(screen.getByRole('tab', { name: 'Numbers and consent' }));
  };

  it('is not offered without Send Mass SMS, because it sends a text; opting out still is', async () => {
    contacts(['messengerCenter']);
    expect(await screen.findByText(/needs the Send Mass SMS permission/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Opt in' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Opt out' })).toBeTruthy();
  });

  it('is offered with Send Mass SMS', async () => {
    contacts(['sendMassSms']);
    expect(await screen.findByRole('button', { name: 'Opt in' })).toBeTruthy();
  });
});
