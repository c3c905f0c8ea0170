import type { AudienceSelection } from '../../../../shared/contract/contacts';

export { isEmptySelection } from '../../../../shared/contract/audience-selection';

/** Adds or removes one id in a list part of the selection; an emptied part is dropped. */
export function toggleIn(selection: AudienceSelection, part: 'families' | 'classes' | 'tags', id: number, on: boolean): AudienceSelection {
  const current = selection[part] ?? [];
  const next = on ? [...new Set([...current, id])] : current.filter((x) => x !== id);
  const { [part]: _dropped, ...rest } = selection;
  return next.length === 0 ? rest : { ...rest, [part]: next };
}

/** Sets or clears a yes/no part ("all staff", "every family"). */
export function setFlag(selection: AudienceSelection, part: 'staff' | 'studentsOf', on: boolean): AudienceSelection {
  const { [part]: _dropped, ...rest } = selection;
  if (!on) return rest;
  return part === 'staff' ? { ...rest, staff: true } : { ...rest, studentsOf: 'all' };
}
