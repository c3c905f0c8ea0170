import type { StaffSummary } from '../../../../shared/contract';
import { LowBalanceWarning } from '../credits/low-balance-warning';
import { Composer } from './composer';
import { RecentSends } from './recent-sends';
import { SendingNotReady } from './sending-not-ready';

/** The Compose area: a new text for those who may send one, and the progress of recent sends. */
export function ComposePage({ staff }: { staff: StaffSummary }) {
  const maySend = staff.permissions.includes('sendMassSms');
  return (
    <section className="stack" aria-labelledby="area-title">
      <h1 id="area-title">Compose</h1>
      {maySend ? <SendingNotReady isAdmin={staff.permissions.includes('adminAccess')} /> : null}
      {maySend ? <LowBalanceWarning canBuy={staff.permissions.includes('adminAccess')} /> : null}
      {maySend ? <Composer isAdmin={staff.permissions.includes('adminAccess')} /> : <p className="notice">Sending a text to many people needs the Send Mass SMS permission. An admin can give it in Settings → Staff.</p>}
      <RecentSends canCancel={maySend} />
    </section>
  );
}
