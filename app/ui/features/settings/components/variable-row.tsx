import { useState } from 'react';
import type { Variable } from '../../../../shared/api-schemas.ts';
import { IconButton } from '../../../components/button.tsx';
import { EditIcon, TrashIcon } from '../../../components/icons.tsx';
import type { VariableInput } from '../api/variable-save-mutation.ts';
import { VariableForm } from './variable-form.tsx';
import styles from './settings.module.css';

interface VariableRowProps {
  variable: Variable;
  takenKeys: readonly string[];
  onSave: (input: VariableInput) => Promise<unknown>;
  onDelete: (variable: Variable) => void;
}

/** One variable: its key, its value hidden until revealed, Edit and Delete. */
export function VariableRow({ variable, takenKeys, onSave, onDelete }: VariableRowProps) {
  const [revealed, setRevealed] = useState(false);
  const [editing, setEditing] = useState(false);

  if (editing) {
    return (
      <tr>
        <td colSpan={3}>
          <VariableForm
            initial={variable}
            takenKeys={takenKeys}
            submitLabel="Save"
            onSubmit={(input) => onSave({ ...input, sid: variable.sid }).then(() => setEditing(false))}
            onCancel={() => setEditing(false)}
          />
        </td>
      </tr>
    );
  }

  return (
    <tr>
      <th scope="row" className={styles.mono}>
        {variable.key}
      </th>
      <td className={styles.mono}>
        {revealed ? (
          <span>{variable.value}</span>
        ) : (
          <span className={styles.hidden} aria-label="hidden value">
            ••••••••
          </span>
        )}
      </td>
      <td>
        <div className={styles.actions}>
          <button
            type="button"
            className={styles.reveal}
            aria-pressed={revealed}
            aria-label={`${revealed ? 'Hide' : 'Reveal'} value of ${variable.key}`}
            onClick={() => setRevealed(!revealed)}
          >
            {revealed ? 'Hide' : 'Reveal'}
          </button>
          <IconButton aria-label={`Edit ${variable.key}`} onClick={() => setEditing(true)}>
            <EditIcon size={14} />
          </IconButton>
          <IconButton aria-label={`Delete ${variable.key}`} onClick={() => onDelete(variable)}>
            <TrashIcon size={14} />
          </IconButton>
        </div>
      </td>
    </tr>
  );
}
