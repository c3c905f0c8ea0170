import { z } from 'zod';
import { messageOptionsSchema } from '../sms/message-options';
import { defineChannels } from './define';

export const messageOptionsChannels = defineChannels({
  'messageOptions.get': { access: 'signedIn', input: z.void(), output: messageOptionsSchema },
  'messageOptions.update': { access: 'adminAccess', audited: true, input: messageOptionsSchema, output: messageOptionsSchema },
});
