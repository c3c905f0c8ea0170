import { useRef } from 'react';
import { insertMergeField, type MergeFieldName } from '../../../../shared/sms/merge-fields';

/**
 * The message box and its "Insert field" action: a merge field goes where the cursor is (over any
 * selection), then focus returns to the box just after it, to keep typing.
 */
export function useMergeFieldBox(body: string, setBody: (text: string) => void) {
  const messageBox = useRef<HTMLTextAreaElement>(null);
  const insertField = (field: MergeFieldName) => {
    const box = messageBox.current;
    const next = insertMergeField(body, box?.selectionStart ?? body.length, box?.selectionEnd ?? body.length, field);
    setBody(next.text);
    requestAnimationFrame(() => {
      box?.focus();
      box?.setSelectionRange(next.cursor, next.cursor);
    });
  };
  return { messageBox, insertField };
}
