import type { ExclusionReason, Preflight } from '../../../../shared/contract';
import { formatPhone } from '../../../../shared/phone/e164';
import { isGsmCharacter } from '../../../../shared/sms/gsm-alphabet';
import { mergeFieldLabels } from '../../../../shared/sms/merge-fields';
import { useAppStatus } from '../../api/queries';
import { formatCount } from '../credits/format';

const REASON_LABELS: Record<ExclusionReason, string> = {
  opted_out: 'Opted out',
  never_opted_in: 'Never opted in',
  invalid: 'Not a valid number',
  duplicate: 'Same phone as someone else (one text)',
};

/** "412 × 1 part, 37 × 2 parts". */
export const describeHistogram = (histogram: Preflight['histogram']): string =>
  histogram.map((h) => `${formatCount(h.count)} × ${h.segments} ${h.segments === 1 ? 'part' : 'parts'}`).join(', ');

const names = (people: ReadonlyArray<{ name: string }>, count: number) =>
  `${people.map((p) => p.name).join(', ')}${count > people.length ? ` and ${formatCount(count - people.length)} more` : ''}`;

interface Props {
  preflight: Preflight;
  /** The recipient whose text is shown, by phone; the first when none is chosen. */
  chosen: string | null;
  onChoose(phone: string): void;
}

/** What a chosen recipient really receives, and what to check before a send with names filled in. */
export function RecipientPreview({ preflight, chosen, onChoose }: Props) {
  const shown = preflight.previews.find((p) => p.phone === chosen) ?? preflight.previews[0];
  return (
    <section className="stack recipient-preview" aria-labelledby="recipient-preview-title">
      <h3 id="recipient-preview-title">Each person’s text</h3>
      {preflight.unknownFields.length > 0 ? (
        <p className="field-error">
          {preflight.unknownFields.join(', ')} {preflight.unknownFields.length === 1 ? 'is not a field' : 'are not fields'} we can fill in. Use Insert field, or
          remove the braces.
        </p>
      ) : null}
      {preflight.histogram.length > 0 ? <p>{describeHistogram(preflight.histogram)}</p> : null}
      {preflight.tooLong.count > 0 ? (
        <p className="field-error">
          Over the limit of {preflight.maxParts} parts once names are filled in: {names(preflight.tooLong.people.map((p) => ({ name: `${p.name} (${p.segments} parts)` })), preflight.tooLong.count)}.
          Shorten the message.
        </p>
      ) : null}
      {preflight.emptyFields.map((f) => (
        <p key={f.field} className="notice">
          {mergeFieldLabels[f.field]} is empty for {formatCount(f.count)}: {names(f.people, f.count)}. They get the text without it.
        </p>
      ))}
      {preflight.ucs2.inNames.length > 0 ? (
        <p className="notice">
          Some names hold characters that make a part hold 70 characters instead of 160 ({preflight.ucs2.inNames.join(' ')}), so{' '}
          {formatCount(preflight.ucs2.recipients)} {preflight.ucs2.recipients === 1 ? 'text costs' : 'texts cost'} more.
        </p>
      ) : null}
      {shown ? (
        <figure className="sms-preview">
          <figcaption>
            <label>
              What{' '}
              <select aria-label="Show the text of" value={shown.phone} onChange={(event) => onChoose(event.target.value)}>
                {preflight.previews.map((p) => (
                  <option key={p.phone} value={p.phone}>
                    {p.name}
                  </option>
                ))}
              </select>{' '}
              receives ({shown.segments === 1 ? '1 part' : `${shown.segments} parts`})
            </label>
          </figcaption>
          <p>
            {[...shown.text].map((char, index) =>
              isGsmCharacter(char) ? char : <mark key={index} className="char" title="Not a plain text character">{char}</mark>,
            )}
          </p>
        </figure>
      ) : (
        <p className="muted">No one chosen can be texted yet.</p>
      )}
      <Exclusions excluded={preflight.excluded} />
    </section>
  );
}

/** Who is left out and why, by name: counts first, names a click away. */
function Exclusions({ excluded }: { excluded: Preflight['excluded'] }) {
  const country = useAppStatus().data?.country ?? 'US';
  if (excluded.length === 0) return null;
  return (
    <div className="stack" role="group" aria-label="Left out">
      <h4>Left out</h4>
      {excluded.map((group) => (
        <details key={group.reason}>
          <summary>
            {REASON_LABELS[group.reason]}: {formatCount(group.count)}
          </summary>
          <ul className="left-out">
            {group.people.map((p, i) => {
              const phone = p.phone.startsWith('+') ? formatPhone(p.phone, country) : p.phone;
              return (
                <li key={i}>
                  <strong>{p.name}</strong>
                  {phone !== p.name ? ` ${phone}` : ''}
                </li>
              );
            })}
            {group.count > group.people.length ? <li>…and {formatCount(group.count - group.people.length)} more.</li> : null}
          </ul>
        </details>
      ))}
    </div>
  );
}
