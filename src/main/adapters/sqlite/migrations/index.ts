import type { Migration } from '../migrate';
import staff from './0001_staff';
import registration from './0002_registration';
import sending from './0003_sending';
import drafts from './0004_drafts';
import messenger from './0005_messenger';

/** Append new migrations at the end; never edit one that has landed. */
export const migrations: readonly Migration[] = [
  { id: 1, name: 'staff', sql: staff },
  { id: 2, name: 'registration', sql: registration },
  { id: 3, name: 'sending', sql: sending },
  { id: 4, name: 'drafts', sql: drafts },
  { id: 5, name: 'messenger', sql: messenger },
];
