import type { Dependency } from '../../../../shared/api-schemas.ts';
import { packageNameProblem, versionProblem } from '../../../../shared/dependencies.ts';
import { PairForm } from './pair-form.tsx';

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
  return (
    <PairForm
      label={initial ? `Edit ${initial.name}` : 'Add a dependency'}
      fields={[
        {
          label: 'Module',
          placeholder: 'e.g. ms',
          problem: (name) =>
            packageNameProblem(name) ?? (takenNames.includes(name) ? `${name} is already listed` : null),
        },
        { label: 'Version', placeholder: 'e.g. ^2.1.3 or latest', problem: versionProblem },
      ]}
      initial={initial ? [initial.name, initial.version] : undefined}
      submitLabel={submitLabel}
      onSubmit={([name, version]) => onSubmit({ name, version: version.trim() })}
      onCancel={onCancel}
    />
  );
}
