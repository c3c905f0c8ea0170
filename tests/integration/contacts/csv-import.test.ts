import { describe, expect, it } from 'vitest';
import { IMPORT_CHUNK_CHARS, type ImportField, type ImportStatus } from '../../../src/shared/contract/contacts';
import { ImportJobs } from '../../../src/main/core/contacts/import-jobs';
import { guessColumns } from '../../../src/main/core/contacts/column-guess';
import { until } from '../../support/wait';
import { freshBook } from './fresh-book';
import { holdMeter } from './hold-meter';

const clock = { now: () => 1_700_000_000_000 };

function jobsOver(storage: ReturnType<typeof freshBook>['storage']) {
  const errors: unknown[] = [];
  const jobs = new ImportJobs({ storage, clock, country: () => 'US', onWritten: () => undefined, logError: (_m, e) => errors.push(e) });
  return { jobs, errors };
}

/** Sends the text in bridge-sized pieces, as the screen does, and waits for the preview. */
async function upload(jobs: ImportJobs, text: string): Promise<{ importId: string; status: ImportStatus }> {
  const { importId } = jobs.start('a', 'families.csv', text.length);
  for (let i = 0, index = 0; i < text.length; i += IMPORT_CHUNK_CHARS, index++) jobs.chunk('a', importId, index, text.slice(i, i + IMPORT_CHUNK_CHARS));
  const status = await until('the file to be read', () => jobs.status('a', importId), (s) => s.phase !== 'reading' && s.phase !== 'receiving', 60_000);
  return { importId, status };
}

const finished = (jobs: ImportJobs, importId: string) =>
  until('the import to end', () => jobs.status('a', importId), (s) => ['done', 'failed', 'canceled'].includes(s.phase), 120_000);

describe('CSV import', () => {
  it('guesses columns from header names', () => {
    expect(guessColumns(['Student First Name', 'Student Last Name', 'Parent/Guardian', 'Phone 1', 'Phone 2', 'E-mail', 'DOB', 'Class', 'Tags', 'Notes'])).toEqual([
      'firstName', 'lastName', 'guardianName', 'phone1', 'phone2', 'email', 'birthday', 'className', 'tags', 'ignore',
    ] satisfies ImportField[]);
  });

  it('reports each row: imported, merged, skipped with the reason; consent recorded with its stated source', async () => {
    const { storage } = freshBook();
    await storage.contacts.createClass('Level 2', [], 1);
    await storage.consent.record('+12125550177', 'opted_out', 'keyword', null, 1);
    const csv = '\uFEFFFirst;Last;Guardian;Phone;Birthday;Class\r\n'
      + 'Cy;Rivera;Ana Rivera;(212) 555-0142;5/3/2016;Level 2\r\n'
      + 'Di;Rivera;Ana Rivera;212-555-0142;42000;level 2\r\n'
      + 'Ed;"Lee\r\nJr";Bo Lee;12;2016-01-01;Level 2\r\n'
      + ';;Nobody;2125550150;;\r\n'
      + 'Cy;Rivera;Ana Rivera;(212) 555-0142;5/3/2016;Level 2\r\n'
      + 'Fa;Moss;Gil Moss;2125550177;;Level 9\r\n'
      + 'Hu;Moss;Gil Moss;2125550177;;\r\n';
    const { jobs } = jobsOver(storage);
    const { importId, status } = await upload(jobs, csv);
    expect(status.phase).toBe('ready');
    expect(status.preview?.mapping).toEqual(['firstName', 'lastName', 'guardianName', 'phone1', 'birthday', 'className']);
    jobs.run('a', importId, { mapping: status.preview!.mapping, defaultKind: 'guardian', consent: { statement: 'collected on our registration form' } });
    const done = await finished(jobs, importId);
    expect(done.phase).toBe('done');
    expect(done.report?.rows.map((r) => [r.row, r.outcome, r.reason])).toEqual([
      [4, 'skipped', 'invalid_number'],
      [5, 'skipped', 'missing_name'],
      [6, 'skipped', 'duplicate'],
      [7, 'skipped', 'unknown_class'],
    ]);
    // Cy, Di, Ana (once, for both children), Hu and Gil.
    expect(done.report).toMatchObject({ imported: 5, merged: 0, skipped: 4, optedIn: 1 });
    const [cy] = (await storage.contacts.page({ search: 'cy', archived: false }, null, 5)).rows;
    const detail = await storage.contacts.get(cy!.id);
    expect(detail).toMatchObject({ birthday: '2016-05-03', classes: [{ name: 'Level 2' }] });
    const di = (await storage.contacts.page({ search: 'di rivera', archived: false }, null, 5)).rows[0]!;
    expect((await storage.contacts.get(di.id))?.birthday).toBe('2014-12-27');
    // The opt-in carries the stated source; the opted-out number stays opted out.
    expect(await storage.consent.stateOf('+12125550142')).toBe('opted_in');
    expect(await storage.consent.history('+12125550142')).toMatchObject([{ state: 'opted_in', source: 'import', staffName: 'Ana' }]);
    expect(await storage.contacts.importStatements('+12125550142')).toEqual([{ at: clock.now(), statement: 'collected on our registration form' }]);
    expect(await storage.consent.stateOf('+12125550177')).toBe('opted_out');

    // The same file again merges into the people already here instead of making copies.
    const again = await upload(jobs, csv);
    jobs.run('a', again.importId, { mapping: again.status.preview!.mapping, defaultKind: 'guardian', consent: null });
    expect((await finished(jobs, again.importId)).report).toMatchObject({ imported: 0, merged: 5 });
  });

  it('a malformed file is a clear error and writes nothing', async () => {
    const { storage, db } = freshBook();
    const { jobs } = jobsOver(storage);
    const broken = await upload(jobs, 'First,Last,Phone\nAna,Rivera,"2125550142\nBo,Li,2125550199\n');
    expect(broken.status).toMatchObject({ phase: 'failed', error: expect.stringMatching(/quote/) });
    const junk = await upload(jobs, 'PK\u0003\u0004\u0000\u0000binary');
    expect(junk.status).toMatchObject({ phase: 'failed', error: expect.stringMatching(/not a CSV file/) });
    expect(db.prepare('SELECT COUNT(*) AS n FROM contacts').get()).toEqual({ n: 0 });
  });

  it('imports 50,000 rows in one transaction without holding the event loop over 100 ms, and a cancel writes nothing', async () => {
    const { storage, db } = freshBook();
    const lines = ['First name,Last name,Mobile,Email'];
    for (let i = 0; i < 50_000; i++) lines.push(`Pat${i},Lee${i % 500},+1212${String(2000000 + i).padStart(7, '0')},p${i}@example.com`);
    const csv = lines.join('\n');
    const { jobs } = jobsOver(storage);

    const canceled = await upload(jobs, csv);
    jobs.run('a', canceled.importId, { mapping: canceled.status.preview!.mapping, defaultKind: 'guardian', consent: null });
    await until('writing to start', () => jobs.status('a', canceled.importId), (s) => s.phase === 'writing' && s.done > 0, 120_000);
    jobs.cancel('a', canceled.importId);
    // The transaction rolls back at its next slice; then the connection is free again.
    await until('the rollback', () => storage.contacts.page({ search: '', archived: false }, null, 1), (p) => p.total === 0);
    expect(db.prepare('SELECT COUNT(*) AS n FROM contacts').get()).toEqual({ n: 0 });

    const meter = holdMeter();
    const { importId, status } = await upload(jobs, csv);
    expect(status.preview?.rowCount).toBe(50_000);
    jobs.run('a', importId, { mapping: status.preview!.mapping, defaultKind: 'guardian', consent: { statement: 'collected on our registration form' } });
    const done = await finished(jobs, importId);
    const held = meter.stop();
    expect(done.report).toMatchObject({ imported: 50_000, skipped: 0, optedIn: 50_000 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM contacts').get()).toEqual({ n: 50_000 });
    // The thread's own CPU between two turns: the hold our code causes, not the OS's scheduling of
    // other processes on a shared 2-core machine (wall-clock delay is printed for the record).
    // The longest hold is the one COMMIT that writes the whole import's pages (all or nothing is the
    // rule): 40-46 ms of CPU on an idle core, up to ~57 ms beside other work. Every other step is
    // far shorter; a window held under 100 ms does not feel frozen.
    console.info(`import of 50,000 rows: longest hold ${held.cpuMs.toFixed(1)} ms CPU, ${held.wallMs.toFixed(1)} ms wall`);
    expect(held.cpuMs).toBeLessThan(100);
  }, 300_000);
});
