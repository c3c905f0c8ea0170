import { describe, expect, it } from 'vitest';
import { ContactService } from '../../../src/main/core/contacts/contact-service';
import { ImportJobs } from '../../../src/main/core/contacts/import-jobs';
import { readCsv } from '../../../src/shared/csv/read-csv';
import { until } from '../../support/wait';
import { freshBook } from './fresh-book';

const clock = { now: () => Date.UTC(2026, 10, 29, 12) };

describe('CSV export', () => {
  it('escapes cells a spreadsheet would run, and what it exports imports back as the same people', async () => {
    const { storage } = freshBook();
    const service = new ContactService(storage, clock, () => 'US');
    await service.save(null, { kind: 'guardian', firstName: '=HYPERLINK("http://x","Ana")', lastName: 'Rivera', email: 'ana@example.com', phones: ['(212) 555-0142'], tags: ['+VIP', '@Pool'] });
    await service.save(null, { kind: 'staff', firstName: 'Bo', lastName: '-Li', phones: ['212 555 0199'] });
    const csv = await service.exportContacts();
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""Ana"")"`);
    expect(csv).toContain("'+12125550142");
    expect(csv).toContain("'-Li");
    expect(csv.split('\r\n').some((line) => /(^|,)[=+\-@]/.test(line))).toBe(false);

    const copy = freshBook();
    const jobs = new ImportJobs({ storage: copy.storage, clock, country: () => 'US', onWritten: () => undefined, logError: () => undefined });
    const { importId } = jobs.startWhole('a', 'contacts.csv', csv);
    const ready = await until('the preview', () => jobs.status('a', importId), (s) => s.phase !== 'reading' && s.phase !== 'receiving');
    expect(ready.preview?.mapping).toEqual(['type', 'firstName', 'lastName', 'familyName', 'phone1', 'phone2', 'email', 'birthday', 'className', 'tags']);
    jobs.run('a', importId, { mapping: ready.preview!.mapping, defaultKind: 'guardian', consent: null });
    expect((await until('the import', () => jobs.status('a', importId), (s) => s.phase === 'done')).report).toMatchObject({ imported: 2, skipped: 0 });
    const names = async (s: typeof storage) => (await s.contacts.exportPage(0, 10)).map((c) => [c.kind, c.firstName, c.lastName, c.phones, c.email, c.tags.map((t) => t.name)]);
    expect(await names(copy.storage)).toEqual(await names(storage));
  });

  it('consent evidence lists every change with how it was made and the source an import stated', async () => {
    const { storage } = freshBook();
    await storage.consent.record('+12125550142', 'opted_in', 'import', 'a', 1_000);
    const importId = await storage.contacts.recordImport({ statement: 'collected on our registration form', fileName: 'f.csv', staffId: 'a', imported: 1, merged: 0, skipped: 0, at: 1_000 });
    await storage.contacts.linkImportConsent(importId, [1]);
    await storage.consent.record('+12125550142', 'opted_out', 'keyword', null, 2_000);
    const { rows } = await readCsv(await new ContactService(storage, clock, () => 'US').exportConsent());
    expect(rows).toEqual([
      ['Phone', 'Consent', 'When (UTC)', 'How', 'Staff member', 'Source stated at import'],
      ["'+12125550142", 'opted out', '1970-01-01T00:00:02.000Z', 'keyword', '', ''],
      ["'+12125550142", 'opted in', '1970-01-01T00:00:01.000Z', 'import', 'Ana', 'collected on our registration form'],
    ]);
  });
});
