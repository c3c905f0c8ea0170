import type { Migration } from '../migrate';
import staff from './0001_staff';

/** Append new migrations at the end; never edit one that has landed. */
export const migrations: readonly Migration[] = [{ id: 1, name: 'staff', sql: staff }];
