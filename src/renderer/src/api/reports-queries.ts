import { keepPreviousData } from '@tanstack/react-query';
import { DataArea, type ChannelInput } from '../../../shared/contract';
import { useChannelQuery } from './use-channel';

/** Under sends: a send's progress (or a reply, a purchase) refreshes the figures shown. */
export const reportKey = (input: ChannelInput<'reports.summary'>) => [DataArea.sends, 'reports', input] as const;

/** The charts stay on the last range's figures while a new range loads, instead of blinking away. */
export const useReport = (input: ChannelInput<'reports.summary'>) => useChannelQuery('reports.summary', reportKey(input), input, { placeholderData: keepPreviousData });
