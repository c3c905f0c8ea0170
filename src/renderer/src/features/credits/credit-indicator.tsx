import { useCreditBalance } from '../../api/credits-queries';
import { formatCount, heldExplanation } from './format';

/** The balance in the top bar. A failed call shows nothing: an error here would sit on every screen. */
export function CreditIndicator() {
  const balance = useCreditBalance();
  if (!balance.data) return null;
  const { available, reserved } = balance.data;
  const explanation = reserved > 0 ? heldExplanation(reserved) : undefined;
  return (
    <span className="credit-indicator" title={explanation}>
      Credits: {formatCount(available)}
      {reserved > 0 ? (
        <>
          {/* "56 held" is terse; screen readers get the full sentence the title gives mouse users. */}
          <span aria-hidden="true"> · {formatCount(reserved)} held</span>
          <span className="visually-hidden">. {explanation}.</span>
        </>
      ) : null}
    </span>
  );
}
