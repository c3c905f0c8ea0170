import { mergeFieldLabels, mergeFieldNames, type MergeFieldName } from '../../../../shared/sms/merge-fields';

/** Buttons that put a merge field where the cursor is in the message. */
export function MergeFieldMenu({ onInsert }: { onInsert(field: MergeFieldName): void }) {
  return (
    <div className="row merge-fields" role="group" aria-label="Insert field">
      <span className="muted">Insert field:</span>
      {mergeFieldNames.map((field) => (
        <button key={field} type="button" className="small" onClick={() => onInsert(field)}>
          {mergeFieldLabels[field]}
        </button>
      ))}
    </div>
  );
}
