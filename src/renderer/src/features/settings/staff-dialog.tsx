import { useState, type FormEvent } from 'react';
import { Dialog, Heading, Modal } from 'react-aria-components';
import { adminSecretSchema, permissionLabels, permissions, secretSchema, type Permission, type StaffSummary } from '../../../../shared/contract';
import { useCreateStaff, useUpdateStaff } from '../../api/queries';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';

interface Props {
  editing: StaffSummary | null;
  onClose(): void;
}

/** Add or edit a staff member: their name, first PIN and what they may do. */
export function StaffDialog({ editing, onClose }: Props) {
  const [name, setName] = useState(editing?.name ?? '');
  const [secret, setSecret] = useState('');
  const [granted, setGranted] = useState<Permission[]>(editing?.permissions ?? ['sendMassSms', 'messengerCenter']);
  const [problem, setProblem] = useState<string | null>(null);
  const create = useCreateStaff();
  const update = useUpdateStaff();
  const pending = create.isPending || update.isPending;

  const toggle = (permission: Permission) =>
    setGranted((list) => (list.includes(permission) ? list.filter((p) => p !== permission) : [...list, permission]));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setProblem('Enter a name.');
    if (!editing) {
      // Admins need a longer PIN; main checks the same rule.
      const checked = (granted.includes('adminAccess') ? adminSecretSchema : secretSchema).safeParse(secret);
      if (!checked.success) return setProblem(checked.error.issues[0]?.message ?? 'Choose a PIN or password.');
    }
    setProblem(null);
    const done = { onSuccess: onClose };
    if (editing) update.mutate({ id: editing.id, name: name.trim(), permissions: granted }, done);
    else create.mutate({ name: name.trim(), secret, permissions: granted }, done);
  };

  return (
    <Modal isOpen isDismissable onOpenChange={(open) => !open && onClose()} className="modal">
      <Dialog className="dialog">
        <form onSubmit={submit} noValidate>
          <Heading slot="title">{editing ? `Edit ${editing.name}` : 'Add staff member'}</Heading>
          <TextField label="Name" value={name} onChange={setName} autoFocus required />
          {editing ? null : (
            <TextField
              label="PIN or password"
              hint="They use this to sign in. A PIN of 4–12 digits (6–12 for admins), or a password of at least 8 characters."
              type="password"
              value={secret}
              onChange={setSecret}
              autoComplete="new-password"
              required
            />
          )}
          <fieldset>
            <legend>What may they do?</legend>
            {permissions.map((permission) => (
              <label key={permission} className="check">
                <input type="checkbox" checked={granted.includes(permission)} onChange={() => toggle(permission)} />
                {permissionLabels[permission]}
              </label>
            ))}
          </fieldset>
          {editing && !editing.permissions.includes('adminAccess') && granted.includes('adminAccess') ? (
            <p className="muted">Admins need a PIN of at least 6 digits. If {editing.name}’s PIN is shorter, reset it after saving.</p>
          ) : null}
          <FormError error={problem ? new Error(problem) : (create.error ?? update.error)} />
          <div className="row">
            <button type="submit" className="primary" disabled={pending}>
              Save staff member
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      </Dialog>
    </Modal>
  );
}
