import { useId, useState } from 'react';
import type { CampaignFormInput, UseCase } from '../../../../shared/contract';
import { wordsForUseCase } from '../../../../shared/registration/twilio-values';
import { TextAreaField, TextField } from '../../components/text-field';

export type CampaignField = keyof CampaignFormInput;
type Errors = Partial<Record<string, string>>;
interface Props {
  values: CampaignFormInput;
  useCases: UseCase[];
  errors: Errors;
  onChange(next: CampaignFormInput): void;
}

/** Keywords are typed as "STOP, END, QUIT" and travel as a list. */
export const keywordsToText = (list: readonly string[]) => list.join(', ');
export const textToKeywords = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((word) => word.trim().toUpperCase())
    .filter(Boolean);

/** Keeps what is typed (a trailing comma included) while the form holds the list. */
function KeywordsField({ label, value, error, onChange }: { label: string; value: readonly string[]; error?: string; onChange(list: string[]): void }) {
  const [text, setText] = useState(() => keywordsToText(value));
  return (
    <TextField
      label={label}
      hint="Separate words with commas."
      value={text}
      error={error}
      onChange={(next) => {
        setText(next);
        onChange(textToKeywords(next));
      }}
    />
  );
}

const keywordFields = [
  ['optInKeywords', 'optInMessage', 'Words that sign a family up', 'Reply when a family signs up'],
  ['optOutKeywords', 'optOutMessage', 'Words that stop texts', 'Reply when a family stops texts'],
  ['helpKeywords', 'helpMessage', 'Words that ask for help', 'Reply when a family asks for help'],
] as const;

/** The campaign's answers, with help in plain words; first answers come from the business's own texts. */
export function CampaignFormFields({ values, useCases, errors, onChange }: Props) {
  const set = (patch: Partial<CampaignFormInput>) => onChange({ ...values, ...patch });
  const useCaseId = useId();
  const chosen = wordsForUseCase(values.useCase, useCases.find((u) => u.code === values.useCase)?.name);
  const samples = values.messageSamples;
  return (
    <div className="stack">
      <div className="field">
        <label htmlFor={useCaseId}>What your texts are for</label>
        <select id={useCaseId} value={values.useCase} onChange={(event) => set({ useCase: event.target.value })}>
          {useCases.map((u) => (
            <option key={u.code} value={u.code}>
              {wordsForUseCase(u.code, u.name).label}
            </option>
          ))}
        </select>
        {chosen.help ? <p className="hint">{chosen.help}</p> : null}
        {errors.useCase ? <p className="field-error">{errors.useCase}</p> : null}
      </div>
      <TextAreaField label="What you text about" hint="A few sentences the carriers read to understand your texts." value={values.description} error={errors.description} onChange={(description) => set({ description })} />
      <TextAreaField
        label="How families agree to get texts"
        hint="Say where families give their number and agree, e.g. at the front desk or on the signup form."
        value={values.messageFlow}
        error={errors.messageFlow}
        onChange={(messageFlow) => set({ messageFlow })}
      />
      <fieldset className="stack">
        <legend>Example texts (2 to 5)</legend>
        {samples.map((sample, index) => (
          <div key={index} className="stack">
            <TextAreaField
              label={`Example ${index + 1}`}
              rows={2}
              value={sample}
              error={errors[`messageSamples.${index}`]}
              onChange={(text) => set({ messageSamples: samples.map((s, i) => (i === index ? text : s)) })}
            />
            {samples.length > 2 ? (
              <div className="row">
                <button type="button" onClick={() => set({ messageSamples: samples.filter((_, i) => i !== index) })}>
                  Remove example {index + 1}
                </button>
              </div>
            ) : null}
          </div>
        ))}
        {errors.messageSamples ? <p className="field-error">{errors.messageSamples}</p> : null}
        {samples.length < 5 ? (
          <div className="row">
            <button type="button" onClick={() => set({ messageSamples: [...samples, ''] })}>
              Add an example
            </button>
          </div>
        ) : null}
      </fieldset>
      <label className="choice">
        <input type="checkbox" checked={values.hasEmbeddedLinks} onChange={(event) => set({ hasEmbeddedLinks: event.target.checked })} />
        <span>Our texts sometimes contain a web link</span>
      </label>
      <label className="choice">
        <input type="checkbox" checked={values.hasEmbeddedPhone} onChange={(event) => set({ hasEmbeddedPhone: event.target.checked })} />
        <span>Our texts sometimes contain a phone number</span>
      </label>
      {keywordFields.map(([keywordsKey, messageKey, keywordsLabel, messageLabel]) => (
        <div key={keywordsKey} className="stack">
          <KeywordsField label={keywordsLabel} value={values[keywordsKey]} error={errors[keywordsKey]} onChange={(list) => set({ [keywordsKey]: list })} />
          <TextAreaField label={messageLabel} rows={2} value={values[messageKey]} error={errors[messageKey]} onChange={(text) => set({ [messageKey]: text })} />
        </div>
      ))}
    </div>
  );
}
