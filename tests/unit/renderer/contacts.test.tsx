// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContactList } from '../../../src/renderer/src/features/contacts/contact-list';
import { ImportPanel } from '../../../src/renderer/src/features/contacts/import-panel';
import { CONTACT_PAGE, IMPORT_CHUNK_CHARS, type ContactRow, type ImportStatus } from '../../../src/shared/contract';
import { fakeApi, renderWithQueries } from './harness';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const TOTAL = 20_000;
const row = (i: number): ContactRow => ({ id: i + 1, kind: 'guardian', firstName: `Pat${i}`, lastName: 'Lee', familyId: null, familyName: null, phones: ['+12125550142'], archived: false });

describe('the contact list', () => {
  it('draws only the rows in view of 20,000, tells screen readers how many there are, and pages by cursor', async () => {
    // jsdom lays nothing out: give the scrolling box a screenful of height, as a window would.
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(480);
    const api = fakeApi({
      'contacts.list': ({ cursor }) => {
        const start = cursor ? cursor.id : 0;
        const rows = Array.from({ length: CONTACT_PAGE }, (_, k) => row(start + k));
        return { ok: true, value: { rows, total: TOTAL, next: { key: 'lee', id: start + CONTACT_PAGE } } };
      },
      'contacts.classes': { ok: true, value: [] },
      'contacts.tags': { ok: true, value: [] },
    });
    renderWithQueries(<ContactList country="US" onOpen={() => undefined} />);
    const table = await screen.findByRole('table', { name: 'Contacts' });
    expect(table.getAttribute('aria-rowcount')).toBe(String(TOTAL + 1));
    expect(screen.getByText('20,000 contacts')).toBeTruthy();
    await waitFor(() => expect(within(table).getAllByRole('row').length).toBeGreaterThan(1));
    const drawn = within(table).getAllByRole('row');
    // The header and a window of rows, never all 20,000.
    expect(drawn.length).toBeLessThan(60);
    expect(drawn[1]?.getAttribute('aria-rowindex')).toBe('2');
    // The first page asked for no cursor; nothing past the first page is fetched before it is needed.
    const lists = api.calls.filter((c) => c.channel === 'contacts.list');
    expect(lists[0]?.input).toMatchObject({ cursor: null });
    expect(lists.length).toBe(1);
  });
});

describe('the CSV import screen', () => {
  it('sends a big file in pieces the bridge takes, shows the guessed columns, and the row report', async () => {
    const text = `First,Last,Phone\n${'Ana,Rivera,2125550142\n'.repeat(15_000)}`;
    const pieces: string[] = [];
    let status: ImportStatus = { phase: 'receiving', done: 0, total: text.length, error: null, preview: null, report: null };
    const api = fakeApi({
      'contacts.importStart': { ok: true, value: { importId: 'imp1' } },
      'contacts.importChunk': ({ text: piece }) => {
        pieces.push(piece);
        if (pieces.join('').length === text.length) {
          status = { ...status, phase: 'ready', preview: { headers: ['First', 'Last', 'Phone'], mapping: ['firstName', 'lastName', 'phone1'], sample: [['Ana', 'Rivera', '2125550142']], rowCount: 15_000 } };
        }
        return { ok: true, value: status };
      },
      'contacts.importStatus': () => ({ ok: true, value: status }),
      'contacts.importRun': () => {
        status = {
          ...status,
          phase: 'done',
          report: { imported: 1, merged: 0, skipped: 14_999, optedIn: 0, rows: [{ row: 3, name: 'Ana Rivera', outcome: 'skipped', reason: 'duplicate', detail: 'Already earlier in the file' }] },
        };
        return { ok: true, value: status };
      },
    });
    renderWithQueries(<ImportPanel canImport />);
    const file = new File([text], 'families.csv', { type: 'text/csv' });
    await act(async () => {
      fireEvent.change(screen.getByLabelText('CSV file'), { target: { files: [file] } });
    });
    expect(await screen.findByRole('heading', { name: 'Match the columns' })).toBeTruthy();
    expect(pieces.length).toBe(Math.ceil(text.length / IMPORT_CHUNK_CHARS));
    expect(pieces.every((p) => p.length <= IMPORT_CHUNK_CHARS)).toBe(true);
    expect(pieces.join('')).toBe(text);
    expect((screen.getByLabelText('Phone') as HTMLSelectElement).value).toBe('phone1');

    fireEvent.change(screen.getByLabelText('Last'), { target: { value: 'familyName' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import 15,000 rows' }));
    expect(await screen.findByText('1 added, 0 merged into people already here, 14,999 skipped.')).toBeTruthy();
    expect(screen.getByRole('row', { name: /3 Ana Rivera Skipped: Duplicate/ })).toBeTruthy();
    expect(api.calls.find((c) => c.channel === 'contacts.importRun')?.input).toMatchObject({ importId: 'imp1', mapping: ['firstName', 'familyName', 'phone1'], consent: null });
  });
});
