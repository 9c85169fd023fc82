import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Environment, Service } from '../../../../shared/api-schemas.ts';
import { Button } from '../../../components/button.tsx';
import { errorMessage } from '../../../components/error-boundary.tsx';
import { Spinner } from '../../../components/spinner.tsx';
import { useIncludeCredentialsMutation } from '../api/include-credentials-mutation.ts';
import { useVariableDeleteMutation } from '../api/variable-delete-mutation.ts';
import { useVariableSaveMutation } from '../api/variable-save-mutation.ts';
import { variablesQueryOptions } from '../api/variables-query.ts';
import { VariableForm } from './variable-form.tsx';
import { VariableRow } from './variable-row.tsx';
import { SettingsTable } from './settings-table.tsx';
import styles from './settings.module.css';

const LIVE = 'Functions use it from their next invocation, without a deploy.';

/** The selected environment's variables (values hidden until revealed) and the credentials checkbox. */
export function VariablesPanel({ service, environment }: { service: Service; environment: Environment }) {
  const variables = useQuery(variablesQueryOptions(service.sid, environment.sid));
  const save = useVariableSaveMutation(service.sid, environment.sid);
  const remove = useVariableDeleteMutation(service.sid, environment.sid);
  const credentials = useIncludeCredentialsMutation(service.sid);
  const [status, setStatus] = useState('');
  // What the user just chose, shown at once: the service's own value (optimistic too) reaches this
  // component a task later, and a controlled checkbox would meanwhile snap back.
  const [choosing, setChoosing] = useState<boolean | null>(null);
  if (choosing !== null && choosing === service.include_credentials) setChoosing(null);
  const list = variables.data ?? [];
  const keysBut = (sid?: string) => list.filter((v) => v.sid !== sid).map((v) => v.key);

  return (
    <div className={styles.panel}>
      <p className={styles.note}>
        Changes apply to the next invocation of every function deployed to <strong>{environment.unique_name}</strong> —
        no deploy needed. Keys: letters, digits and _; values up to 450 bytes.
      </p>
      <label className={styles.checkbox}>
        <input
          type="checkbox"
          checked={choosing ?? service.include_credentials}
          onChange={(e) => {
            const include = e.target.checked;
            setChoosing(include);
            credentials.mutate(include, {
              onSuccess: () =>
                setStatus(
                  `${include ? 'ACCOUNT_SID and AUTH_TOKEN are now in' : 'ACCOUNT_SID and AUTH_TOKEN are no longer in'} every function's context. ${LIVE}`,
                ),
              onError: () => setChoosing(null),
            });
          }}
        />
        Add my account credentials (ACCOUNT_SID, AUTH_TOKEN) to ENV
      </label>
      {variables.isPending ? (
        <Spinner label="Loading variables" />
      ) : variables.isError ? (
        <div role="alert">
          <p className={styles.empty}>Could not read the variables: {errorMessage(variables.error)}</p>
          <Button size="small" onClick={() => void variables.refetch()}>
            Retry
          </Button>
        </div>
      ) : list.length === 0 ? (
        <p className={styles.empty}>No variables in {environment.unique_name} yet.</p>
      ) : (
        <SettingsTable label={`Variables of ${environment.unique_name}`} columns={['Key', 'Value']}>
          {list.map((variable) => (
            <VariableRow
              key={variable.sid}
              variable={variable}
              takenKeys={keysBut(variable.sid)}
              onSave={(input) => save.mutateAsync(input).then((saved) => setStatus(`${saved.key} saved. ${LIVE}`))}
              onDelete={(v) => remove.mutate(v, { onSuccess: () => setStatus(`${v.key} deleted. ${LIVE}`) })}
            />
          ))}
        </SettingsTable>
      )}
      <VariableForm
        takenKeys={keysBut()}
        submitLabel="Add"
        onSubmit={(input) => save.mutateAsync(input).then((saved) => setStatus(`${saved.key} added. ${LIVE}`))}
      />
      <p className={styles.status} role="status">
        {status}
      </p>
    </div>
  );
}
