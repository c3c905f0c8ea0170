import { useId, useState } from 'react';
import type { StaffSummary, ThreadView } from '../../../../shared/contract';
import { useAssign, useAssignees, useSetHandled } from '../../api/messenger-queries';
import { FormError } from '../../components/form-error';
import { formatShortWhen, formatWhen } from '../compose/timing';

/**
 * Who looks after this conversation. Admins give it to anyone with Messenger Center access;
 * others may take one nobody has, or let go of their own (main checks the same).
 */
export function AssignControl({ view, staff }: { view: ThreadView; staff: StaffSummary }) {
  const assign = useAssign();
  const isAdmin = staff.permissions.includes('adminAccess');
  const mine = view.assignedTo?.id === staff.id;
  const give = (staffId: string | null) => assign.mutate({ phone: view.phone, staffId });
  const holder = view.assignedTo === null ? 'nobody' : mine ? 'you' : view.assignedTo.name;
  let control;
  if (isAdmin) control = <GiveTo view={view} staff={staff} onGive={give} pending={assign.isPending} />;
  else if (view.assignedTo === null) {
    control = (
      <button type="button" onClick={() => give(staff.id)} disabled={assign.isPending}>
        Take this conversation
      </button>
    );
  } else if (mine) {
    control = (
      <button type="button" onClick={() => give(null)} disabled={assign.isPending}>
        Let it go
      </button>
    );
  }
  return (
    <div className="row assign">
      <span>Given to {holder}</span>
      {control}
      <FormError error={assign.error} />
    </div>
  );
}

/** Admins choose anyone with Messenger Center access; the list is read only when they ask to change it. */
function GiveTo({ view, staff, onGive, pending }: { view: ThreadView; staff: StaffSummary; onGive(staffId: string | null): void; pending: boolean }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const assignees = useAssignees(open);
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Change
      </button>
    );
  }
  const people = assignees.data?.staff ?? [];
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        Give this conversation to
      </label>
      <select
        id={id}
        value={view.assignedTo?.id ?? ''}
        disabled={pending || !assignees.data}
        onChange={(event) => {
          onGive(event.target.value === '' ? null : event.target.value);
          setOpen(false);
        }}
      >
        <option value="">Nobody</option>
        {people.map((person) => (
          <option key={person.id} value={person.id}>
            {person.id === staff.id ? `${person.name} (you)` : person.name}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => setOpen(false)}>
        Keep as is
      </button>
      <FormError error={assignees.error} />
    </>
  );
}

/** Mark handled, or reopen, with who handled it and when. */
export function HandledToggle({ view, now }: { view: ThreadView; now: number }) {
  const setHandled = useSetHandled();
  return (
    <div className="stack handled">
      <button type="button" onClick={() => setHandled.mutate({ phone: view.phone, handled: !view.handled })} disabled={setHandled.isPending}>
        {view.handled ? 'Reopen' : 'Mark handled'}
      </button>
      {view.handled && view.handledAt !== null ? (
        <span className="muted" title={formatWhen(view.handledAt)}>
          Handled by {view.handledBy ?? 'someone'}, {formatShortWhen(view.handledAt, now)}
        </span>
      ) : null}
      <FormError error={setHandled.error} />
    </div>
  );
}
