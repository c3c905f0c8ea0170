import { AppError, type contactsChannels } from '../../../shared/contract';
import type { Clock } from '../ports/clock';
import type { EventBus } from '../ports/event-bus';
import type { FilePicker } from '../ports/file-picker';
import type { SettingsStore } from '../ports/settings-store';
import type { Storage } from '../ports/storage';
import type { Caller, Handlers } from '../router';
import { ContactService } from './contact-service';
import { ImportJobs } from './import-jobs';

export interface ContactsModuleDeps {
  storage: Storage;
  settings: SettingsStore;
  clock: Clock;
  events: EventBus;
  logError: (message: string, error: unknown) => void;
  /** The desktop's Open dialog; browser mode has none. */
  filePicker?: FilePicker;
}

function signedIn(caller: Caller | null): Caller {
  if (caller === null) throw new AppError('NOT_SIGNED_IN', 'Sign in first.');
  return caller;
}

/** The contact book: people, families, classes and tags, CSV import and export. */
export function createContactsModule(deps: ContactsModuleDeps) {
  const { storage, clock } = deps;
  const country = () => deps.settings.read().country;
  const changed = () => deps.events.emit('data.changed', { areas: ['contacts', 'consent'] });
  const contacts = new ContactService(storage, clock, country);
  const imports = new ImportJobs({ storage, clock, country, onWritten: changed, logError: deps.logError });
  const after = async <T>(work: Promise<T>): Promise<T> => {
    const result = await work;
    changed();
    return result;
  };
  const stamp = (day: number) => new Date(day).toISOString().slice(0, 10);

  const handlers: { [C in keyof typeof contactsChannels]: Handlers[C] } = {
    'contacts.list': ({ query, cursor, limit }) => storage.contacts.page(query, cursor, limit),
    'contacts.get': ({ id }) => contacts.detail(id),
    'contacts.save': ({ id, contact }) => after(contacts.save(id, contact)),
    'contacts.archive': ({ id, archived }) => after(contacts.archive(id, archived)),
    'contacts.merge': ({ keepId, dropId }) => after(contacts.merge(keepId, dropId)),
    'contacts.families': () => storage.contacts.listFamilies(),
    'contacts.classes': () => storage.contacts.listClasses(),
    'contacts.saveClass': async ({ id, name, schedule }) => {
      if (id === null) return after(storage.contacts.createClass(name, schedule, clock.now()).then((created) => ({ id: created })));
      await storage.contacts.updateClass(id, name, schedule, clock.now());
      changed();
      return { id };
    },
    'contacts.roster': ({ classId }) => storage.contacts.roster(classId),
    'contacts.enroll': async ({ classId, contactId, enrolled }) => {
      const person = await storage.contacts.get(contactId);
      if (person === null || person.kind !== 'student') throw new AppError('INVALID_INPUT', 'Only students are enrolled in classes.');
      await (enrolled ? storage.contacts.enroll(classId, contactId, clock.now()) : storage.contacts.unenroll(classId, contactId));
      changed();
      return { classId };
    },
    'contacts.tags': () => storage.contacts.listTags(),
    'contacts.importStart': ({ fileName, chars }, { caller }) => imports.start(signedIn(caller).staffId, fileName, chars),
    'contacts.importPickFile': async (_input, { caller }) => {
      const staffId = signedIn(caller).staffId;
      if (deps.filePicker === undefined) throw new AppError('FAILED_PRECONDITION', 'Choose the file with the CSV file button.');
      let picked;
      try {
        picked = await deps.filePicker.pickCsv();
      } catch (error) {
        throw new AppError('FAILED_PRECONDITION', error instanceof Error ? error.message : 'The file could not be opened.');
      }
      if (picked === null) return { importId: null };
      return imports.startWhole(staffId, picked.fileName, picked.text);
    },
    'contacts.importChunk': ({ importId, index, text }, { caller }) => imports.chunk(signedIn(caller).staffId, importId, index, text),
    'contacts.importRun': ({ importId, mapping, defaultKind, consent }, { caller }) => imports.run(signedIn(caller).staffId, importId, { mapping, defaultKind, consent }),
    'contacts.importStatus': ({ importId }, { caller }) => imports.status(signedIn(caller).staffId, importId),
    'contacts.importCancel': ({ importId }, { caller }) => imports.cancel(signedIn(caller).staffId, importId),
    'contacts.export': async ({ what }) => ({
      fileName: `${what === 'contacts' ? 'contacts' : 'consent-evidence'}-${stamp(clock.now())}.csv`,
      csv: what === 'contacts' ? await contacts.exportContacts() : await contacts.exportConsent(),
    }),
  };
  return { handlers, imports, contacts };
}
