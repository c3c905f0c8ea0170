import { useState } from 'react';
import { permissionLabels, type StaffSummary } from '../../../../shared/contract';
import { useResetSecret, useStaffList, useUpdateStaff } from '../../api/queries';
import { FormError } from '../../components/form-error';
import { StaffDialog } from './staff-dialog';

export function StaffTab() {
  const staff = useStaffList();
  const update = useUpdateStaff();
  const reset = useResetSecret();
  // Read once per render of the list; lock-outs last minutes, so this is precise enough.
  const [now] = useState(() => Date.now());
  const [dialog, setDialog] = useState<{ editing: StaffSummary | null } | null>(null);

  const resetPin = (member: StaffSummary) => {
    const secret = window.prompt(`New PIN or password for ${member.name}`);
    if (secret) reset.mutate({ id: member.id, secret });
  };

  return (
    <div className="stack">
      <div className="row spread">
        <h2>Staff</h2>
        <button type="button" className="primary" onClick={() => setDialog({ editing: null })}>
          Add staff member
        </button>
      </div>
      <FormError error={staff.error ?? update.error ?? reset.error} />
      <table>
        <caption className="visually-hidden">Staff members and what they may do</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">May do</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(staff.data ?? []).map((member) => (
            <tr key={member.id}>
              <td>{member.name}</td>
              <td>{member.permissions.map((p) => permissionLabels[p]).join(', ') || 'Nothing yet'}</td>
              <td>{member.active ? (member.lockedOutUntil && member.lockedOutUntil > now ? 'Locked out' : 'Active') : 'Deactivated'}</td>
              <td className="actions">
                <button type="button" onClick={() => setDialog({ editing: member })} aria-label={`Edit ${member.name}`}>
                  Edit
                </button>
                <button type="button" onClick={() => resetPin(member)} aria-label={`Reset PIN for ${member.name}`}>
                  Reset PIN
                </button>
                <button
                  type="button"
                  onClick={() => update.mutate({ id: member.id, active: !member.active })}
                  aria-label={`${member.active ? 'Deactivate' : 'Reactivate'} ${member.name}`}
                >
                  {member.active ? 'Deactivate' : 'Reactivate'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {dialog ? <StaffDialog editing={dialog.editing} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
