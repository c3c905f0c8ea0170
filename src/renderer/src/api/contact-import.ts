import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { IMPORT_CHUNK_CHARS, type ContactKind, type ImportField, type ImportStatus } from '../../../shared/contract';
import { contactKeys } from './contact-queries';
import { callChannel } from './use-channel';

/** How often the screen asks how far the import has got. */
const POLL_MS = 300;
const ENDED: ReadonlyArray<ImportStatus['phase']> = ['ready', 'done', 'failed', 'canceled'];

export interface CsvImport {
  status: ImportStatus | null;
  /** A problem with the call itself (signed out, the connection dropped). */
  error: unknown;
  /** Sends the file's text to main in bridge-sized pieces, then waits for the preview. */
  upload(fileName: string, text: string): Promise<void>;
  /** Desktop: main shows the system's Open dialog, reads the file and starts the import. */
  pick(): Promise<void>;
  run(options: { mapping: ImportField[]; defaultKind: ContactKind; consent: { statement: string } | null }): Promise<void>;
  cancel(): Promise<void>;
  reset(): void;
}

/**
 * A CSV import driven from the screen: the file goes to main in pieces (browser mode's bridge
 * takes 1 MB a call), main reads and writes it without holding its event loop, and the screen
 * follows the progress until it ends.
 */
export function useCsvImport(): CsvImport {
  const client = useQueryClient();
  const [status, setStatus] = useState<ImportStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const importId = useRef<string | null>(null);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const follow = useCallback(async (id: string, until: ReadonlyArray<ImportStatus['phase']>) => {
    for (;;) {
      const next = await callChannel('contacts.importStatus', { importId: id });
      if (!alive.current || importId.current !== id) return;
      setStatus(next);
      if (until.includes(next.phase)) return next;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }, []);

  const guarded = useCallback(async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
    } catch (failure) {
      if (alive.current) setError(failure);
    }
  }, []);

  return {
    status,
    error,
    upload: (fileName, text) =>
      guarded(async () => {
        const { importId: id } = await callChannel('contacts.importStart', { fileName: fileName.slice(-200), chars: text.length });
        importId.current = id;
        for (let at = 0, index = 0; at < text.length; at += IMPORT_CHUNK_CHARS, index++) {
          if (importId.current !== id) return;
          setStatus(await callChannel('contacts.importChunk', { importId: id, index, text: text.slice(at, at + IMPORT_CHUNK_CHARS) }));
        }
        await follow(id, ENDED);
      }),
    pick: () =>
      guarded(async () => {
        const { importId: id } = await callChannel('contacts.importPickFile');
        if (id === null) return;
        importId.current = id;
        await follow(id, ENDED);
      }),
    run: (options) =>
      guarded(async () => {
        const id = importId.current;
        if (id === null) return;
        setStatus(await callChannel('contacts.importRun', { importId: id, ...options }));
        const ended = await follow(id, ['done', 'failed', 'canceled']);
        if (ended?.phase === 'done') void client.invalidateQueries({ queryKey: contactKeys.all });
      }),
    cancel: () =>
      guarded(async () => {
        const id = importId.current;
        if (id !== null) setStatus(await callChannel('contacts.importCancel', { importId: id }));
      }),
    reset: () => {
      importId.current = null;
      setStatus(null);
      setError(null);
    },
  };
}
