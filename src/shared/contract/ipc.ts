/**
 * The two Electron IPC channels everything crosses: calls go renderer → main on `call`, pushed
 * events main → renderer on `event`. Main and the sandboxed preload both read them from here.
 */
export const ipcChannels = {
  call: 'sms-desk:call',
  event: 'sms-desk:event',
} as const;
