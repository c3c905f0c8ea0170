import { useId, type ReactNode, type Ref } from 'react';
import { MAX_BODY_CHARS } from '../../../../shared/contract';
import type { OutboundPreview } from '../../../../shared/sms/compose';
import { isGsmCharacter } from '../../../../shared/sms/gsm-alphabet';
import { makeGsmFriendly } from '../../../../shared/sms/gsm-cheaper';
import { formatCount } from '../credits/format';

interface Props {
  body: string;
  onChange(body: string): void;
  /** The text the carrier will receive (header + body + footer), measured. */
  preview: OutboundPreview;
  maxParts: number;
  /** What the plain-character version would save across all recipients, in credits; 0 hides the offer. */
  savingIfPlain: number;
  textareaRef?: Ref<HTMLTextAreaElement>;
  /** Shown between the label and the box (the merge-field menu). */
  tools?: ReactNode;
  /** Each person gets their own text (merge fields): the per-recipient preview replaces the single one. */
  personal?: boolean;
  /** The box's label and height: the Messenger Center's reply box is a smaller "Reply". */
  label?: string;
  rows?: number;
  /** Above the preview of the text as it goes out. */
  previewCaption?: string;
}

/** The message box, its live counter, and the look-alike characters that make a text cost more. */
export function MessageField({ body, onChange, preview, maxParts, savingIfPlain, textareaRef, tools, personal = false, label = 'Message', rows = 6, previewCaption = 'What each person receives' }: Props) {
  const id = useId();
  const { measure } = preview;
  const plain = makeGsmFriendly(body);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {tools}
      <textarea
        ref={textareaRef}
        id={id}
        rows={rows}
        value={body}
        maxLength={MAX_BODY_CHARS}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={`${id}-count ${id}-limit`}
        aria-invalid={preview.tooLong ? true : undefined}
      />
      <p className="counter" id={`${id}-count`}>
        {[
          `${formatCount(measure.characters)} characters`,
          measure.segments === 1 ? '1 part' : `${measure.segments} parts`,
          `${measure.remainingInSegment} left in this part`,
          `${measure.unitsPerSegment} characters per part`,
        ].join(' · ')}
      </p>
      <p className="hint" id={`${id}-limit`}>
        Header and footer are counted. At most {maxParts} parts and {formatCount(MAX_BODY_CHARS)} characters.
      </p>
      {preview.tooLong && !personal ? (
        <p className="field-error">
          With header and footer this text is {measure.segments} parts; the limit is {maxParts}. Shorten it, or ask an admin to raise the limit.
        </p>
      ) : null}
      {measure.nonGsmCharacters.length > 0 ? (
        <div className="notice stack">
          <p>
            These characters make each part hold 70 characters instead of 160:{' '}
            {measure.nonGsmCharacters.map((char) => (
              <mark key={char} className="char">
                {char === '\u00A0' ? 'non-breaking space' : char}
              </mark>
            ))}
          </p>
          {plain !== body ? (
            <div className="row">
              <button type="button" onClick={() => onChange(plain)}>
                Use plain characters
              </button>
              <span className="muted">
                Curly quotes, long dashes and “…” become their plain versions
                {savingIfPlain > 0 ? `, saving ${formatCount(savingIfPlain)} ${savingIfPlain === 1 ? 'credit' : 'credits'}` : ''}.
              </span>
            </div>
          ) : null}
        </div>
      ) : null}
      {personal ? null : (
        <figure className="sms-preview">
          <figcaption>{previewCaption}</figcaption>
          <p>{preview.text.length > 0 ? <HighlightedText text={preview.text} /> : <span className="muted">Your header, message and footer appear here.</span>}</p>
        </figure>
      )}
    </div>
  );
}

/** The preview with every character that forces the 70-character parts marked. */
function HighlightedText({ text }: { text: string }) {
  return (
    <>
      {[...text].map((char, index) =>
        isGsmCharacter(char) ? (
          char
        ) : (
          <mark key={index} className="char" title="Not a plain text character">
            {char}
          </mark>
        ),
      )}
    </>
  );
}
