import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Dependency } from '../../../../shared/api-schemas.ts';
import { Button, IconButton } from '../../../components/button.tsx';
import { errorMessage } from '../../../components/error-boundary.tsx';
import { EditIcon, TrashIcon } from '../../../components/icons.tsx';
import { Spinner } from '../../../components/spinner.tsx';
import { useServiceDependenciesSaveMutation } from '../api/service-dependencies-save-mutation.ts';
import { serviceDependenciesQueryOptions } from '../api/service-dependencies-query.ts';
import { DependencyForm } from './dependency-form.tsx';
import { SettingsTable } from './settings-table.tsx';
import styles from './settings.module.css';

const NODE_VERSIONS = [
  ['node22', 'Node.js 22'],
  ['node20', 'Node.js 20'],
  ['node18', 'Node.js 18'],
] as const;

const NEXT_DEPLOY = 'Deploy All installs it with the next build.';

/** The service's npm dependencies and Node.js version, which Deploy All sends with each build. */
export function DependenciesPanel({ serviceSid }: { serviceSid: string }) {
  const current = useQuery(serviceDependenciesQueryOptions(serviceSid));
  const save = useServiceDependenciesSaveMutation(serviceSid);
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);

  if (current.isPending) return <Spinner label="Loading dependencies" />;
  if (current.isError) {
    return (
      <div role="alert">
        <p className={styles.empty}>Could not read the dependencies: {errorMessage(current.error)}</p>
        <Button size="small" onClick={() => void current.refetch()}>
          Retry
        </Button>
      </div>
    );
  }
  const list = current.data.dependencies;
  const namesBut = (name?: string) => list.filter((d) => d.name !== name).map((d) => d.name);
  const saveList = (dependencies: Dependency[], done: string) =>
    save.mutateAsync({ dependencies }).then(() => {
      setError(null);
      setStatus(done);
    });

  return (
    <div className={styles.panel}>
      <p className={styles.note}>
        npm packages from the public registry (install scripts do not run). Functions <code>require()</code> them once
        deployed: changes here apply at the next Deploy All.
      </p>
      <label className={styles.field}>
        Node.js version
        <select
          className={styles.select}
          value={current.data.runtime}
          onChange={(e) =>
            void save
              .mutateAsync({ runtime: e.target.value })
              .then((saved) => setStatus(`Runtime set to ${saved.runtime}. Applies at the next Deploy All.`))
              .catch((err: unknown) => setError(errorMessage(err)))
          }
        >
          {NODE_VERSIONS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <SettingsTable label="Dependencies" columns={['Module', 'Version']}>
        {list.map((dep) =>
          editing === dep.name ? (
            <tr key={dep.name}>
              <td colSpan={3}>
                <DependencyForm
                  initial={dep}
                  takenNames={namesBut(dep.name)}
                  submitLabel="Save"
                  onCancel={() => setEditing(null)}
                  onSubmit={(next) =>
                    saveList(
                      list.map((d) => (d.name === dep.name ? next : d)),
                      `${next.name}@${next.version} saved. ${NEXT_DEPLOY}`,
                    ).then(() => setEditing(null))
                  }
                />
              </td>
            </tr>
          ) : (
            <tr key={dep.name}>
              <th scope="row" className={styles.mono}>
                {dep.name}
              </th>
              <td className={styles.mono}>{dep.version}</td>
              <td>
                <div className={styles.actions}>
                  <IconButton aria-label={`Edit ${dep.name}`} onClick={() => setEditing(dep.name)}>
                    <EditIcon size={14} />
                  </IconButton>
                  <IconButton
                    aria-label={`Remove ${dep.name}`}
                    onClick={() =>
                      void saveList(
                        list.filter((d) => d.name !== dep.name),
                        `${dep.name} removed. The next Deploy All builds without it.`,
                      ).catch((err: unknown) => setError(errorMessage(err)))
                    }
                  >
                    <TrashIcon size={14} />
                  </IconButton>
                </div>
              </td>
            </tr>
          ),
        )}
      </SettingsTable>
      {list.length === 0 ? <p className={styles.empty}>No dependencies.</p> : null}
      <DependencyForm
        takenNames={namesBut()}
        submitLabel="Add"
        onSubmit={(dep) => saveList([...list, dep], `${dep.name}@${dep.version} added. ${NEXT_DEPLOY}`)}
      />
      {error ? (
        <p className={styles.formError} role="alert">
          {error}
        </p>
      ) : null}
      <p className={styles.status} role="status">
        {status}
      </p>
    </div>
  );
}
