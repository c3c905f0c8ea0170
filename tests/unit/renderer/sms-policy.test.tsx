// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsentForm } from '../../../src/renderer/src/features/contacts/consent-form';
import { defaultMessageOptions } from '../../../src/shared/sms/message-options';
import { fakeApi, renderWithQueries } from './harness';

afterEach(cleanup);

describe('the family SMS policy', () => {
  it('is at hand where staff opt a number in', async () => {
    fakeApi({
      'messageOptions.get': { ok: true, value: defaultMessageOptions },
      'policy.get': { ok: true, value: { familyPolicy: 'We text class news. Reply STOP to stop.', staffGuidelines: 'Be kind.', updatedAt: null, updatedBy: null } },
    });
    renderWithQueries(<ConsentForm country="US" canOptIn />);
    expect(await screen.findByText('What the family agrees to (our SMS policy)')).toBeTruthy();
    expect(screen.getByText('We text class news. Reply STOP to stop.')).toBeTruthy();
  });
});
