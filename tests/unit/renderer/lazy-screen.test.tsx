// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lazyScreen } from '../../../src/renderer/src/features/shell/lazy-screen';
import { ScreenErrorBoundary } from '../../../src/renderer/src/features/shell/screen-error-boundary';

describe('a screen fetched on demand', () => {
  afterEach(cleanup);
  // React reports the caught failure on the console; expected here.
  beforeEach(() => void vi.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => vi.restoreAllMocks());

  it('that failed to arrive is fetched afresh by "Try again"', async () => {
    let reachable = false;
    const load = vi.fn(async () => {
      if (!reachable) throw new TypeError('Failed to fetch dynamically imported module');
      return () => <p>Contacts screen</p>;
    });
    const Contacts = lazyScreen(load);
    render(
      <ScreenErrorBoundary what="This screen">
        <Suspense fallback={<p>Loading…</p>}>
          <Contacts />
        </Suspense>
      </ScreenErrorBoundary>,
    );
    expect(await screen.findByText(/could not be shown/)).toBeTruthy();
    reachable = true;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Contacts screen')).toBeTruthy();
  });
});
