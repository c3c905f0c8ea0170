import { AppError } from '../../../shared/contract';
import type { SavedAudience } from '../../../shared/contract/audiences';
import { audienceSelectionSchema, type AudienceSelection } from '../../../shared/contract/contacts';
import type { SmsPolicy, Template } from '../../../shared/contract/templates';
import type { Clock } from '../ports/clock';
import type { Storage } from '../ports/storage';
import type { StoredAudience } from '../ports/stores/saved-audience-store';
import { exportPolicy, policyOrStarter } from './policy-text';

/** A saved selection that no longer parses (a class id format changed) selects no one rather than failing the list. */
function toSaved(row: StoredAudience): SavedAudience {
  let selection: AudienceSelection = {};
  try {
    const parsed = audienceSelectionSchema.safeParse(JSON.parse(row.selection));
    if (parsed.success) selection = parsed.data;
  } catch {
    // kept as an empty selection
  }
  return { id: row.id, name: row.name, selection, updatedAt: row.updatedAt };
}

/** Templates, saved audiences and the SMS policy: what Compose offers and what an admin writes once. */
export class LibraryService {
  constructor(private readonly storage: Storage, private readonly clock: Clock, private readonly businessName: () => Promise<string>) {}

  listTemplates(): Promise<Template[]> {
    return this.storage.templates.list();
  }

  async saveTemplate(input: { id?: number | undefined; name: string; body: string }, staffId: string): Promise<Template> {
    const id = input.id ?? null;
    if (await this.storage.templates.nameTaken(input.name, id)) throw new AppError('CONFLICT', `There is already a template called "${input.name}". Choose another name.`);
    const saved = await this.storage.templates.save({ id, name: input.name, body: input.body, staffId, at: this.clock.now() });
    const template = saved === null ? null : await this.storage.templates.get(saved);
    if (template === null) throw new AppError('NOT_FOUND', 'That template no longer exists.');
    return template;
  }

  async removeTemplate(id: number): Promise<{ removed: boolean }> {
    return { removed: await this.storage.templates.remove(id) };
  }

  async listAudiences(): Promise<SavedAudience[]> {
    return (await this.storage.savedAudiences.list()).map(toSaved);
  }

  async saveAudience(input: { id?: number | undefined; name: string; selection: AudienceSelection }, staffId: string): Promise<SavedAudience> {
    const id = input.id ?? null;
    if (await this.storage.savedAudiences.nameTaken(input.name, id)) throw new AppError('CONFLICT', `There is already an audience called "${input.name}". Choose another name.`);
    const saved = await this.storage.savedAudiences.save({ id, name: input.name, selection: JSON.stringify(input.selection), staffId, at: this.clock.now() });
    const row = saved === null ? null : await this.storage.savedAudiences.get(saved);
    if (row === null) throw new AppError('NOT_FOUND', 'That audience no longer exists.');
    return toSaved(row);
  }

  async removeAudience(id: number): Promise<{ removed: boolean }> {
    return { removed: await this.storage.savedAudiences.remove(id) };
  }

  async policy(): Promise<SmsPolicy> {
    return policyOrStarter(await this.storage.smsPolicy.read());
  }

  async savePolicy(input: { familyPolicy: string; staffGuidelines: string }, staffId: string): Promise<SmsPolicy> {
    await this.storage.smsPolicy.save({ ...input, staffId, at: this.clock.now() });
    return this.policy();
  }

  async exportPolicy(): Promise<{ text: string; html: string }> {
    return exportPolicy((await this.policy()).familyPolicy, await this.businessName());
  }
}
