import { useState } from 'react';
import type { SmsPolicy } from '../../../../shared/contract/templates';
import { usePolicyExport, useSavePolicy } from '../../api/audience-queries';
import { FormError } from '../../components/form-error';
import { TextAreaField } from '../../components/text-field';

/** Admins write the family SMS policy (for the website and the opt-in desk) and the staff guidelines. */
export function PolicyEditor({ policy, onDone }: { policy: SmsPolicy; onDone(): void }) {
  const [familyPolicy, setFamilyPolicy] = useState(policy.familyPolicy);
  const [staffGuidelines, setStaffGuidelines] = useState(policy.staffGuidelines);
  const save = useSavePolicy();
  return (
    <form
      className="stack"
      aria-label="SMS policy"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ familyPolicy, staffGuidelines }, { onSuccess: onDone });
      }}
    >
      <TextAreaField
        label="Family SMS policy"
        hint="What you text, how often, how to stop (reply STOP), and that message and data rates may apply. Shown when staff opt a number in, and for your website."
        rows={10}
        value={familyPolicy}
        onChange={setFamilyPolicy}
      />
      <TextAreaField label="Staff guidelines" hint="Shown to staff beside the message they write." rows={8} value={staffGuidelines} onChange={setStaffGuidelines} />
      <FormError error={save.error} />
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          Save policy
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      <WebsiteExport />
    </form>
  );
}

/** The saved family policy as a page for the website, or as plain text to paste into one. */
function WebsiteExport() {
  const [open, setOpen] = useState(false);
  const exported = usePolicyExport(open);
  return (
    <details onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)}>
      <summary>Family policy for your website</summary>
      {exported.data ? (
        <div className="stack">
          <p className="hint">The saved policy, to copy into your website: as plain text, or as a web page.</p>
          <textarea readOnly rows={6} aria-label="Family policy as text" value={exported.data.text} />
          <textarea readOnly rows={6} aria-label="Family policy as a web page (HTML)" value={exported.data.html} />
        </div>
      ) : (
        <p className="muted">{exported.isError ? 'The policy could not be read.' : 'Preparing…'}</p>
      )}
    </details>
  );
}
