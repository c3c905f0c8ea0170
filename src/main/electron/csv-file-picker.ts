import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FilePicker } from '../core/ports/file-picker';
import { MAX_IMPORT_CHARS } from '../../shared/contract/contacts';

/** The part of Electron's `dialog` the picker uses, so tests can hand in a stand-in. */
export interface OpenDialogLike {
  showOpenDialog(options: { title: string; properties: Array<'openFile'>; filters: Array<{ name: string; extensions: string[] }> }): Promise<{ canceled: boolean; filePaths: string[] }>;
}

/** Opens the system's Open dialog for a CSV file and reads it, refusing one too big to import at once. */
export function csvFilePicker(dialog: OpenDialogLike): FilePicker {
  return {
    pickCsv: async () => {
      const chosen = await dialog.showOpenDialog({
        title: 'Choose a spreadsheet saved as CSV',
        properties: ['openFile'],
        filters: [{ name: 'CSV files', extensions: ['csv', 'txt', 'tsv'] }],
      });
      const path = chosen.filePaths[0];
      if (chosen.canceled || path === undefined) return null;
      // Bytes are at least as many as characters: a file over the limit in bytes may still fit, one over 4× never does.
      if ((await stat(path)).size > MAX_IMPORT_CHARS * 4) throw new Error('This file is too big to import at once (64 MB at most). Split it into smaller files.');
      const text = await readFile(path, 'utf8');
      if (text.length > MAX_IMPORT_CHARS) throw new Error('This file is too big to import at once (64 MB at most). Split it into smaller files.');
      return { fileName: basename(path), text };
    },
  };
}
