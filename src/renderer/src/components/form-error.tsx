import { errorMessage } from '../api/errors';

/** Announced to screen readers the moment it appears. */
export function FormError({ error }: { error: unknown }) {
  return (
    <p className="form-error" role="alert" aria-live="assertive">
      {error ? errorMessage(error) : null}
    </p>
  );
}

/** The sentence under a form whose fields were refused: how many to fix, and where. */
export const fieldsToFix = (count: number): string => `Please fix the ${count === 1 ? 'field' : `${count} fields`} marked above.`;

/** `fieldsToFix` as an alert, shown only while some field is refused. */
export function FieldsToFix({ count }: { count: number }) {
  return count > 0 ? (
    <p className="form-error" role="alert">
      {fieldsToFix(count)}
    </p>
  ) : null;
}
