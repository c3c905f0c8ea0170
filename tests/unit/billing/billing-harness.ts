import type { PurchaseView, Result } from '../../../src/shared/contract';
import { withAdminAndClerk } from '../staff/harness';

export function unwrap<T = unknown>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** A desk with an admin (Dana, admin-window) and a clerk (Sam, clerk-window), Sandbox credits given. */
export async function billingDesk() {
  const h = await withAdminAndClerk();
  await h.sending.ready;
  const available = () => Number((h.db.prepare("SELECT available FROM credit_balance WHERE mode = 'sandbox'").get() as { available: number }).available);
  const purchaseEntries = () => h.db.prepare("SELECT purchase_id AS purchaseId, credits FROM credit_ledger WHERE kind = 'purchase'").all() as { purchaseId: string; credits: number }[];
  const buy = async (credits: number) => unwrap<PurchaseView>(await h.call('admin-window', 'billing.createPurchase', { credits }));
  const status = async (purchaseId: string) => unwrap<PurchaseView>(await h.call('admin-window', 'billing.purchase', { purchaseId }));
  const audit = (action: string) => h.db.prepare('SELECT staff_id AS staffId, action, detail FROM audit_log WHERE action = ?').all(action) as { staffId: string | null; action: string; detail: string }[];
  return { ...h, available, purchaseEntries, buy, status, audit };
}
