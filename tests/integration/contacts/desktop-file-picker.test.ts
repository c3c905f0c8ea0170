import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContactsModule } from '../../../src/main/core/contacts';
import { LocalEventBus } from '../../../src/main/core/ports/event-bus';
import type { Caller } from '../../../src/main/core/router';
import { csvFilePicker, type OpenDialogLike } from '../../../src/main/electron/csv-file-picker';
import { AppError } from '../../../src/shared/contract';
import { until } from '../../support/wait';
import { freshBook } from './fresh-book';

const caller: Caller = { staffId: 'a', name: 'Ana', permissions: ['sendMassSms'], locked: false };
const settings = { read: () => ({ country: 'US' }) } as never;
const ctx = { sessionId: 's', caller };

function moduleWith(dialog: OpenDialogLike | null) {
  const { storage } = freshBook();
  const contacts = createContactsModule({
    storage,
    settings,
    clock: { now: () => 1 },
    events: new LocalEventBus(),
    logError: () => undefined,
    ...(dialog ? { filePicker: csvFilePicker(dialog) } : {}),
  });
  return contacts.handlers;
}

describe("the desktop's Open dialog for a CSV import", () => {
  it('reads the chosen file in main and starts the import with it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sms-desk-pick-')), 'roster.csv');
    writeFileSync(file, 'First,Last,Phone\r\nAna,Rivera,2125550142\r\n');
    const asked: unknown[] = [];
    const handlers = moduleWith({ showOpenDialog: (options) => (asked.push(options), Promise.resolve({ canceled: false, filePaths: [file] })) });
    const { importId } = await handlers['contacts.importPickFile'](undefined, ctx);
    expect(importId).not.toBeNull();
    expect(asked).toMatchObject([{ properties: ['openFile'], filters: [{ extensions: ['csv', 'txt', 'tsv'] }] }]);
    const status = await until('the preview', () => handlers['contacts.importStatus']({ importId: importId! }, ctx), (s) => s.phase === 'ready');
    expect(status.preview).toMatchObject({ headers: ['First', 'Last', 'Phone'], rowCount: 1 });
  });

  it('answers nothing when the dialog is closed, and says what to do where there is no dialog', async () => {
    const closed = moduleWith({ showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }) });
    expect(await closed['contacts.importPickFile'](undefined, ctx)).toEqual({ importId: null });
    const browser = moduleWith(null);
    await expect(browser['contacts.importPickFile'](undefined, ctx)).rejects.toBeInstanceOf(AppError);
  });
});
