import { useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '../../../components/button.tsx';
import { errorMessage } from '../../../components/error-boundary.tsx';
import { TextField } from '../../../components/text-field.tsx';
import styles from './settings.module.css';

/** One of the two fields of a settings form. */
export interface PairField {
  label: string;
  placeholder?: string;
  /** What is wrong with the value (null: nothing), checked as you type and on submit. */
  problem: (value: string) => string | null;
  /** Shown as soon as there is a problem; otherwise once the value changed or a submit was tried. */
  showProblemAtOnce?: boolean;
  hint?: (value: string) => string;
}

interface PairFormProps {
  /** The form's accessible name. */
  label: string;
  fields: readonly [PairField, PairField];
  /** The values being edited; absent for a form that adds (it empties itself after each success). */
  initial?: readonly [string, string];
  submitLabel: string;
  onSubmit: (values: [string, string]) => Promise<unknown>;
  onCancel?: () => void;
}

/**
 * A name/value form of the settings (variables, dependencies): problems are shown before anything
 * is sent and nothing is sent while there is one; the server's refusal is shown under the buttons.
 */
export function PairForm({ label, fields, initial, submitLabel, onSubmit, onCancel }: PairFormProps) {
  const [values, setValues] = useState<[string, string]>(initial ? [...initial] : ['', '']);
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const problems = fields.map((field, i) => field.problem(values[i]!));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setServerError(null);
    if (problems.some(Boolean)) return;
    setPending(true);
    onSubmit(values)
      .then(() => {
        if (!initial) {
          setValues(['', '']);
          setSubmitted(false);
        }
      })
      .catch((error: unknown) => setServerError(errorMessage(error)))
      .finally(() => setPending(false));
  };

  const field = (i: 0 | 1): ReactNode => {
    const spec = fields[i];
    const shown = spec.showProblemAtOnce || submitted || values[i] !== (initial?.[i] ?? '');
    return (
      <TextField
        label={spec.label}
        value={values[i]}
        placeholder={spec.placeholder}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setValues(i === 0 ? [e.target.value, values[1]] : [values[0], e.target.value])}
        error={(shown && problems[i]) || null}
        hint={spec.hint?.(values[i])}
      />
    );
  };

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-label={label}>
      {field(0)}
      {field(1)}
      <div className={styles.formButtons}>
        <Button type="submit" variant="primary" size="small" disabled={pending}>
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button size="small" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
      {serverError ? (
        <p className={styles.formError} role="alert">
          {serverError}
        </p>
      ) : null}
    </form>
  );
}
