import { useState, type FormEvent } from 'react';
import type { Dependency } from '../../../../shared/api-schemas.ts';
import { packageNameProblem, versionProblem } from '../../../../shared/dependencies.ts';
import { Button } from '../../../components/button.tsx';
import { errorMessage } from '../../../components/error-boundary.tsx';
import { TextField } from '../../../components/text-field.tsx';
import styles from './settings.module.css';

interface DependencyFormProps {
  initial?: Dependency;
  /** Names already listed (a duplicate is refused before sending). */
  takenNames: readonly string[];
  submitLabel: string;
  onSubmit: (dependency: Dependency) => Promise<unknown>;
  onCancel?: () => void;
}

/** A package name and a semver version, range or tag, checked as you type and on submit. */
export function DependencyForm({ initial, takenNames, submitLabel, onSubmit, onCancel }: DependencyFormProps) {
  const [name, setName] = useState(initial?.name ?? '');
  const [version, setVersion] = useState(initial?.version ?? '');
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const nameProblem = packageNameProblem(name) ?? (takenNames.includes(name) ? `${name} is already listed` : null);
  const versionIssue = versionProblem(version);
  const show = (problem: string | null, changed: boolean) => ((submitted || changed) && problem) || null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setServerError(null);
    if (nameProblem || versionIssue) return;
    setPending(true);
    onSubmit({ name, version: version.trim() })
      .then(() => {
        if (!initial) {
          setName('');
          setVersion('');
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
      aria-label={initial ? `Edit ${initial.name}` : 'Add a dependency'}
    >
      <TextField
        label="Module"
        value={name}
        placeholder="e.g. ms"
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setName(e.target.value)}
        error={show(nameProblem, name !== (initial?.name ?? ''))}
      />
      <TextField
        label="Version"
        value={version}
        placeholder="e.g. ^2.1.3 or latest"
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setVersion(e.target.value)}
        error={show(versionIssue, version !== (initial?.version ?? ''))}
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
