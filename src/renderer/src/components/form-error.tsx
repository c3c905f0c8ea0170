import { errorMessage } from '../api/errors';

/** Announced to screen readers the moment it appears. */
export function FormError({ error }: { error: unknown }) {
  return (
    <p className="form-error" role="alert" aria-live="assertive">
      {error ? errorMessage(error) : null}
    </p>
  );
}
