import { AppError } from '../../../shared/contract';
import type { audienceChannels } from '../../../shared/contract/audiences';
import type { templateChannels } from '../../../shared/contract/templates';
import type { Clock } from '../ports/clock';
import type { SettingsStore } from '../ports/settings-store';
import type { Storage } from '../ports/storage';
import type { Caller, Handlers } from '../router';
import type { SendService } from '../sending/send-service';
import { AudienceService } from './audience-service';
import { LibraryService } from './library-service';

export interface AudiencesModuleDeps {
  storage: Storage;
  settings: SettingsStore;
  clock: Clock;
  /** Queuing wakes the dispatcher and tells the screens, as for `sends.create`. */
  sends: SendService;
}

function signedIn(caller: Caller | null): Caller {
  if (caller === null) throw new AppError('NOT_SIGNED_IN', 'Sign in first.');
  return caller;
}

/** The name `{business_name}` fills in: the registered brand's name, else the header staff set. */
export async function businessName(storage: Storage, settings: SettingsStore): Promise<string> {
  const { brandForm } = await storage.registration.read();
  try {
    const name = brandForm === null ? '' : String((JSON.parse(brandForm) as { legalName?: unknown }).legalName ?? '');
    if (name.trim() !== '') return name.trim();
  } catch {
    // an unreadable form: fall back to the header
  }
  return settings.read().messageOptions.header.trim();
}

/** Compose's audiences, merge fields and preflight; templates; the SMS policy. */
export function createAudiencesModule(deps: AudiencesModuleDeps) {
  const name = () => businessName(deps.storage, deps.settings);
  const audiences = new AudienceService({ storage: deps.storage, settings: deps.settings, sends: deps.sends, businessName: name });
  const library = new LibraryService(deps.storage, deps.clock, name);

  const handlers: Pick<Handlers, keyof typeof audienceChannels | keyof typeof templateChannels> = {
    'audiences.choices': async () => {
      const [classes, tags, families, saved] = await Promise.all([
        deps.storage.contacts.listClasses(), deps.storage.contacts.listTags(), deps.storage.contacts.listFamilies(), library.listAudiences(),
      ]);
      return { classes, tags, families, saved };
    },
    'audiences.preflight': (input, ctx) => audiences.preflight(input, signedIn(ctx.caller)),
    'audiences.send': async (input, ctx) => {
      const caller = signedIn(ctx.caller);
      const queued = await audiences.send(input, caller);
      // The draft is spent: it must not come back on screen and be sent a second time. In a
      // transaction, which waits for the sending thread's write lock (it is writing this send's
      // rows now) without holding main; on its own the statement slept inside SQLite for it.
      await deps.storage.transaction((tx) => tx.drafts.remove(caller.staffId));
      return queued;
    },
    'audiences.save': (input, ctx) => library.saveAudience(input, signedIn(ctx.caller).staffId),
    'audiences.remove': (input) => library.removeAudience(input.id),
    'templates.list': () => library.listTemplates(),
    'templates.save': (input, ctx) => library.saveTemplate(input, signedIn(ctx.caller).staffId),
    'templates.remove': (input) => library.removeTemplate(input.id),
    'policy.get': () => library.policy(),
    'policy.save': (input, ctx) => library.savePolicy(input, signedIn(ctx.caller).staffId),
    'policy.export': () => library.exportPolicy(),
  };

  return { handlers, audiences, library };
}
