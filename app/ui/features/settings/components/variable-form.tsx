import {
  MAX_VARIABLE_VALUE_BYTES,
  valueBytes,
  variableKeyProblem,
  variableValueProblem,
} from '../../../../shared/variables.ts';
import type { VariableInput } from '../api/variable-save-mutation.ts';
import { PairForm } from './pair-form.tsx';

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
  return (
    <PairForm
      label={initial ? `Edit ${initial.key}` : 'Add a variable'}
      fields={[
        {
          label: 'Key',
          problem: (key) =>
            variableKeyProblem(key) ?? (takenKeys.includes(key) ? `A variable named ${key} already exists` : null),
        },
        {
          label: 'Value',
          problem: variableValueProblem,
          showProblemAtOnce: true,
          hint: (value) => `${valueBytes(value)} of ${MAX_VARIABLE_VALUE_BYTES} bytes`,
        },
      ]}
      initial={initial ? [initial.key, initial.value] : undefined}
      submitLabel={submitLabel}
      onSubmit={([key, value]) => onSubmit({ key, value })}
      onCancel={onCancel}
    />
  );
}
