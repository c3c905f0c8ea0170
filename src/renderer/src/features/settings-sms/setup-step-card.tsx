import type { ReactNode } from 'react';
import { stepStatusLabels, type SetupStep } from './setup-steps';

/** One step of the guided setup: its number, name and status always shown; its form when opened. */
export function SetupStepCard({ step, index, open, current, onToggle, children }: { step: SetupStep; index: number; open: boolean; current: boolean; onToggle(): void; children: ReactNode }) {
  const bodyId = `setup-step-${step.id}`;
  return (
    <div className={`setup-step${current ? ' current' : ''}`} id={`${bodyId}-card`}>
      <h2 className="setup-step-head">
        <button type="button" aria-expanded={open} aria-controls={bodyId} onClick={onToggle}>
          <span>
            Step {index + 1}: {step.title}
          </span>
          <span className={`step-status ${step.status}`}>{stepStatusLabels[step.status]}</span>
        </button>
      </h2>
      {open ? (
        <div id={bodyId} className="stack">
          {children}
        </div>
      ) : null}
    </div>
  );
}

/** The checklist above the steps: where the setup stands at a glance, each item opening its step. */
export function SetupChecklist({ steps, current, onPick }: { steps: readonly SetupStep[]; current: string | null; onPick(id: SetupStep['id']): void }) {
  const done = steps.filter((s) => s.status === 'done').length;
  return (
    <nav className="card setup-checklist" aria-label="Setup steps">
      <p>
        <strong>
          {done} of {steps.length} steps done.
        </strong>
      </p>
      <ol>
        {steps.map((step) => (
          <li key={step.id} aria-current={step.id === current ? 'step' : undefined}>
            <button type="button" className="link" onClick={() => onPick(step.id)}>
              {step.title}
            </button>{' '}
            <span className={`step-status ${step.status}`}>{stepStatusLabels[step.status]}</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
