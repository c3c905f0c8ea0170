import type { Template } from '../../../../shared/contract/templates';

/** Saved messages with merge fields, shared by all staff (SPEC §8). */
export interface TemplateStore {
  /** By name. */
  list(): Promise<Template[]>;
  /** Adds (no id) or replaces one; returns its id, or null when the id names none. Names are unique in any case. */
  save(template: { id: number | null; name: string; body: string; staffId: string | null; at: number }): Promise<number | null>;
  get(id: number): Promise<Template | null>;
  remove(id: number): Promise<boolean>;
  /** Whether another template than `exceptId` already has this name (any case). */
  nameTaken(name: string, exceptId: number | null): Promise<boolean>;
}
