import type { ReactNode } from 'react';
import { useRefreshRegistration } from '../../api/carrier-queries';
import { FormError } from '../../components/form-error';

/** A step the carriers are reviewing: what is happening in plain words, and a way to look now. */
export function InReviewNotice({ children }: { children: ReactNode }) {
  const refresh = useRefreshRegistration();
  return (
    <div className="stack">
      <p role="status" className="notice">
        {children} You do not need to do anything: this page updates by itself.
      </p>
      <div className="row">
        <button type="button" onClick={() => refresh.mutate(undefined)} disabled={refresh.isPending}>
          Check now
        </button>
      </div>
      <FormError error={refresh.error} />
    </div>
  );
}
