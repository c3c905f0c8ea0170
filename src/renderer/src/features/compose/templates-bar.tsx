import { useState } from 'react';
import type { Template } from '../../../../shared/contract/templates';
import { useRemoveTemplate, useSaveTemplate, useTemplates } from '../../api/audience-queries';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';

interface Props {
  body: string;
  /** A template was picked: its message replaces the one being written. */
  onPick(body: string): void;
}

/** Start from a saved message, keep this one for next time, or change or delete the one picked. */
export function TemplatesBar({ body, onPick }: Props) {
  const templates = useTemplates();
  const save = useSaveTemplate();
  const remove = useRemoveTemplate();
  const [picked, setPicked] = useState<Template | null>(null);
  const [naming, setNaming] = useState<string | null>(null);
  const list = templates.data ?? [];
  const error = save.error ?? remove.error;
  const saveTemplate = (name: string) => {
    // Saving under the picked template's name changes that template; another name makes a new one.
    const id = picked !== null && picked.name.toLowerCase() === name.toLowerCase() ? picked.id : undefined;
    save.mutate({ ...(id === undefined ? {} : { id }), name, body }, { onSuccess: (saved) => { setPicked(saved); setNaming(null); } });
  };
  return (
    <div className="stack templates-bar">
      <div className="row">
        {list.length > 0 ? (
          <label>
            Start from a template{' '}
            <select
              value={picked?.id ?? ''}
              onChange={(event) => {
                const chosen = list.find((t) => String(t.id) === event.target.value) ?? null;
                setPicked(chosen);
                if (chosen) onPick(chosen.body);
              }}
            >
              <option value="">Choose…</option>
              {list.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <span className="muted">No templates yet.</span>
        )}
        {naming === null ? (
          <button type="button" className="small" disabled={body.trim() === ''} onClick={() => setNaming(picked?.name ?? '')}>
            Save as template
          </button>
        ) : null}
        {picked !== null && naming === null ? (
          <button type="button" className="small" disabled={remove.isPending} onClick={() => remove.mutate({ id: picked.id }, { onSuccess: () => setPicked(null) })}>
            Delete “{picked.name}”
          </button>
        ) : null}
      </div>
      {naming !== null ? (
        <div className="row">
          <TextField label="Template name" hint="Keep the name to change that template; a new name saves a new one." value={naming} maxLength={80} onChange={setNaming} />
          <button type="button" disabled={save.isPending || naming.trim() === ''} onClick={() => saveTemplate(naming.trim())}>
            Save template
          </button>
          <button type="button" onClick={() => setNaming(null)}>
            Cancel
          </button>
        </div>
      ) : null}
      {error ? <FormError error={error} /> : null}
    </div>
  );
}
