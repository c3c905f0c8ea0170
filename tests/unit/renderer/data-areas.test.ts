import { describe, expect, it } from 'vitest';
import { autopilotKeys } from '../../../src/renderer/src/api/autopilot-queries';
import { carrierKeys } from '../../../src/renderer/src/api/carrier-queries';
import { consentKeys } from '../../../src/renderer/src/api/consent-queries';
import { contactKeys } from '../../../src/renderer/src/api/contact-queries';
import { creditKeys } from '../../../src/renderer/src/api/credits-queries';
import { connectEvents } from '../../../src/renderer/src/api/queries';
import { sendKeys } from '../../../src/renderer/src/api/send-queries';
import { DataArea, eventSchemas } from '../../../src/shared/contract';
import { fakeApi, newClient } from './harness';

const dataChanged = eventSchemas['data.changed'];

/** Every query main's change events must reach, by the area it lives under. */
const keysByArea = {
  [DataArea.sends]: [sendKeys.recent, sendKeys.status],
  [DataArea.credits]: [creditKeys.balance],
  [DataArea.consent]: [consentKeys.list('', 0), consentKeys.history('+12125550142')],
  // The Messenger Center follows messenger.changed, which names the conversations (messenger-events.ts), never a send's progress.
  [DataArea.messenger]: [],
  // The registration watched in the background: the screens follow a review without a refresh.
  [DataArea.carrier]: [carrierKeys.registration, carrierKeys.status],
  // An import or an edit at another window refreshes the contact book's lists and pages.
  [DataArea.contacts]: [contactKeys.list({ search: '', archived: false }), contactKeys.detail(1), contactKeys.classes, contactKeys.tags],
  // A workflow saved, a run fired or skipped, a pause: the Autopilot screen, not on a send's progress.
  [DataArea.autopilot]: [autopilotKeys.list, autopilotKeys.runs(1)],
};

describe('data-change areas', () => {
  it('are a closed list: main cannot announce an area no screen listens to', () => {
    expect(dataChanged.safeParse({ areas: Object.values(DataArea) }).success).toBe(true);
    expect(dataChanged.safeParse({ areas: ['send'] }).success).toBe(false);
    expect(dataChanged.safeParse({ areas: ['audit'] }).success).toBe(false);
  });

  it('begin the query keys of the data they name', () => {
    for (const [area, keys] of Object.entries(keysByArea)) {
      for (const key of keys) expect(key[0]).toBe(area);
    }
  });

  it('refresh every query under the area that changed, and no other', async () => {
    const { emit } = fakeApi({});
    const client = newClient();
    const all = Object.values(keysByArea).flat();
    for (const key of all) client.setQueryData(key, 'cached');
    const disconnect = connectEvents(client);
    emit('data.changed', { areas: [DataArea.consent, DataArea.credits] });
    const stale = all.filter((key) => client.getQueryState(key)?.isInvalidated).map((key) => key[0]);
    expect(new Set(stale)).toEqual(new Set([DataArea.consent, DataArea.credits]));
    expect(stale).toHaveLength(3);
    disconnect();
  });
});
