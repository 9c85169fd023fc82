import { useState, type FormEvent } from 'react';
import { uniqueNameProblem } from '../../../../shared/names.ts';
import type { Service } from '../../../../shared/api-schemas.ts';
import { Button } from '../../../components/button.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { navigate } from '../../../lib/router.ts';
import { useServiceCreateMutation } from '../api/service-create-mutation.ts';
import styles from './services-page.module.css';

/** Unique name checked as you type (rules + names already taken), then Create opens the editor. */
export function CreateServiceForm({ existing }: { existing: Service[] }) {
  const [uniqueName, setUniqueName] = useState('');
  const [friendlyName, setFriendlyName] = useState('');
  const create = useServiceCreateMutation();

  const taken = existing.some((s) => s.unique_name.toLowerCase() === uniqueName.toLowerCase());
  const problem =
    uniqueName === ''
      ? null
      : (uniqueNameProblem(uniqueName) ?? (taken ? `A service named ${uniqueName} already exists` : null));
  const serverError =
    create.error instanceof ApiRequestError
      ? create.error.message
      : create.error
        ? 'Could not create the service'
        : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (uniqueName === '' || problem) return;
    create.mutate(
      { uniqueName, friendlyName: friendlyName.trim() || uniqueName },
      { onSuccess: ({ service }) => navigate(`/services/${service.sid}`) },
    );
  };

  return (
    <form className={styles.createForm} onSubmit={submit} aria-label="New service">
      <TextField
        label="Unique name"
        value={uniqueName}
        onChange={(e) => setUniqueName(e.target.value)}
        error={problem ?? serverError}
        hint="Letters, digits and dashes; part of every URL; cannot be changed."
        spellCheck={false}
        autoComplete="off"
        placeholder="my-assets"
      />
      <TextField
        label="Friendly name"
        value={friendlyName}
        onChange={(e) => setFriendlyName(e.target.value)}
        placeholder="Optional"
        autoComplete="off"
      />
      <Button type="submit" variant="primary" disabled={uniqueName === '' || problem !== null || create.isPending}>
        {create.isPending ? 'Creating…' : 'Create service'}
      </Button>
    </form>
  );
}
