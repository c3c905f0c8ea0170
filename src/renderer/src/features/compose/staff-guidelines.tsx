import { useState } from 'react';
import { usePolicy } from '../../api/audience-queries';
import { PolicyEditor } from '../policy/policy-editor';

/** The business's own rules for texting, beside the composer; admins edit them (and the family policy) here. */
export function StaffGuidelines({ isAdmin }: { isAdmin: boolean }) {
  const policy = usePolicy();
  const [editing, setEditing] = useState(false);
  if (!policy.data) return null;
  return (
    <section className="card stack guidelines" aria-labelledby="guidelines-title">
      <h2 id="guidelines-title">Texting guidelines</h2>
      {editing ? (
        <PolicyEditor policy={policy.data} onDone={() => setEditing(false)} />
      ) : (
        <>
          <p className="pre-wrap">{policy.data.staffGuidelines}</p>
          {isAdmin ? (
            <div className="row">
              <button type="button" className="small" onClick={() => setEditing(true)}>
                Edit guidelines and family policy
              </button>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
