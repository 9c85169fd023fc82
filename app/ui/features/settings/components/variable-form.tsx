import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/button.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { errorMessage } from '../../../components/error-boundary.tsx';
import {
  MAX_VARIABLE_VALUE_BYTES,
  valueBytes,
  variableKeyProblem,
  variableValueProblem,
} from '../../../../shared/variables.ts';
import type { VariableInput } from '../api/variable-save-mutation.ts';
import styles from './settings.module.css';

interface VariableFormProps {
  initial?: { key: string; value: string };
  /** Keys other variables of the environment have (a duplicate is refused before sending). */
  takenKeys: readonly string[];
  submitLabel: string;
  onSubmit: (input: Omit<VariableInput, 'sid'>) => Promise<unknown>;
  onCancel?: () => void;
}

/** Key and value of a variable, checked against Twilio's limits as you type and again on submit. */
export function VariableForm({ initial, takenKeys, submitLabel, onSubmit, onCancel }: VariableFormProps) {
  const [key, setKey] = useState(initial?.key ?? '');
  const [value, setValue] = useState(initial?.value ?? '');
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const keyProblem =
    variableKeyProblem(key) ?? (takenKeys.includes(key) ? `A variable named ${key} already exists` : null);
  const valueProblem = variableValueProblem(value);
  const showKeyProblem = (submitted || key !== (initial?.key ?? '')) && keyProblem;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setServerError(null);
    if (keyProblem || valueProblem) return;
    setPending(true);
    onSubmit({ key, value })
      .then(() => {
        if (!initial) {
          setKey('');
          setValue('');
          setSubmitted(false);
        }
      })
      .catch((error: unknown) => setServerError(errorMessage(error)))
      .finally(() => setPending(false));
  };

  return (
    <form
      className={styles.form}
      onSubmit={submit}
      noValidate
      aria-label={initial ? `Edit ${initial.key}` : 'Add a variable'}
    >
      <TextField
        label="Key"
        value={key}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setKey(e.target.value)}
        error={showKeyProblem || null}
      />
      <TextField
        label="Value"
        value={value}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setValue(e.target.value)}
        error={valueProblem}
        hint={`${valueBytes(value)} of ${MAX_VARIABLE_VALUE_BYTES} bytes`}
      />
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
