import { keepPreviousData, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { DataArea, type ContactCursor, type ContactQuery } from '../../../shared/contract';
import { callChannel, QueryScope, useChannelMutation, useChannelQuery } from './use-channel';

/** Under the contacts area: main's data.changed for it (an import, an edit at another window) refreshes them. */
export const contactKeys = {
  all: [DataArea.contacts] as const,
  list: (query: ContactQuery) => [DataArea.contacts, 'list', query] as const,
  detail: (id: number) => [DataArea.contacts, 'detail', id] as const,
  classes: [DataArea.contacts, 'classes'] as const,
  roster: (classId: number) => [DataArea.contacts, 'roster', classId] as const,
  tags: [DataArea.contacts, 'tags'] as const,
  families: [DataArea.contacts, 'families'] as const,
};

/**
 * The contact list a page at a time, each page asked for by the cursor main gave with the last
 * (keyset paging): the 100th page costs main what the first does.
 */
export const useContactPages = (query: ContactQuery) =>
  useInfiniteQuery({
    queryKey: contactKeys.list(query),
    queryFn: ({ pageParam }) => callChannel('contacts.list', { query, cursor: pageParam }),
    initialPageParam: null as ContactCursor | null,
    getNextPageParam: (page) => page.next,
    placeholderData: keepPreviousData,
  });

export const useContact = (id: number) => useChannelQuery('contacts.get', contactKeys.detail(id), { id });
export const useClasses = () => useChannelQuery('contacts.classes', contactKeys.classes);
export const useRoster = (classId: number) => useChannelQuery('contacts.roster', contactKeys.roster(classId), { classId });
export const useTags = () => useChannelQuery('contacts.tags', contactKeys.tags);
export const useFamilies = () => useChannelQuery('contacts.families', contactKeys.families);

// Contacts feed Compose's pickers and audiences too.
const changed = { refresh: [contactKeys.all, [QueryScope.sendEstimate]] };
export const useSaveContact = () => useChannelMutation('contacts.save', changed);
export const useArchiveContact = () => useChannelMutation('contacts.archive', changed);
export const useMergeContacts = () => useChannelMutation('contacts.merge', changed);
export const useSaveClass = () => useChannelMutation('contacts.saveClass', changed);
export const useEnroll = () => useChannelMutation('contacts.enroll', changed);
export const useExportCsv = () => useChannelMutation('contacts.export');

/** A contact's page shows each phone's consent: after a consent change made from it, read it again. */
export function useRefreshContacts(): () => void {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: contactKeys.all });
}
