import { contextBridge, ipcRenderer } from 'electron';
import type { Api } from '../shared/contract';
import { ipcApi } from './ipc-api';

contextBridge.exposeInMainWorld('smsDesk', ipcApi(ipcRenderer) satisfies Api);
