import { AppError } from '../../../shared/contract';
import type { Caller } from '../router';
import type { StaffRecord } from '../ports/stores/staff-store';

/**
 * Who may give a conversation to whom. Anyone with Messenger Center access may take an
 * unassigned one (or one already theirs) and let go of their own; only Admin Access may give one
 * to someone else or take it from someone else. The one it goes to must be an active staff
 * member with Messenger Center access: someone who cannot open it cannot answer it.
 */
export function assignmentRefusal(caller: Caller, current: string | null, target: StaffRecord | null, targetId: string | null): AppError | null {
  const admin = caller.permissions.includes('adminAccess');
  if (targetId !== null && (target === null || !target.active)) return new AppError('NOT_FOUND', 'That staff member is not on the desk any more.');
  if (target !== null && !target.permissions.includes('messengerCenter')) {
    return new AppError('FAILED_PRECONDITION', `${target.name} cannot open the Messenger Center. An admin can give them Messenger Center access first.`);
  }
  if (admin) return null;
  const mine = current === null || current === caller.staffId;
  if (targetId !== null && targetId !== caller.staffId) return new AppError('PERMISSION_DENIED', 'Only an admin can give a conversation to someone else. You can take it yourself.');
  if (!mine) return new AppError('PERMISSION_DENIED', 'Someone else has this conversation. Ask an admin to move it.');
  return null;
}
