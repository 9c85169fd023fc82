import { useId, useState, type FormEvent, type RefObject } from 'react';
import type { Asset, FunctionResource } from '../../../../shared/api-schemas.ts';
import { assetPath } from '../../../../shared/assets.ts';
import { normalizePath, pathProblem } from '../../../../shared/paths.ts';
import { VISIBILITIES, VISIBILITY_LABELS, type Visibility } from '../../../../shared/visibility.ts';
import { SelectField } from '../../../components/select-field.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { pageScheme } from '../../../lib/scheme.ts';
import { fillTemplate, suggestedPath, TEMPLATES, type FilledTemplate, type TemplateId } from '../templates.ts';
import styles from './new-function-dialog.module.css';

/** New functions start protected, as in Twilio's editor: only Twilio's signed requests reach them. */
const DEFAULT_VISIBILITY: Visibility = 'protected';

function problemOf(path: string, functions: readonly FunctionResource[], assets: readonly Asset[]): string | null {
  const problem = pathProblem(path);
  if (problem) return problem;
  if (path.endsWith('/')) return 'Path must end with a name, e.g. /hello-world';
  if (functions.some((f) => assetPath(f) === path)) return `A function at ${path} already exists`;
  // A build holds one file per path, so Deploy All would fail.
  if (assets.some((a) => assetPath(a) === path)) return `An asset has the path ${path}; pick another`;
  return null;
}

/** Which asset the template's code uses, or why it uses a placeholder. */
function usesText(asset: FilledTemplate['asset']): string | null {
  if (!asset) return null;
  return asset.found
    ? `Uses ${asset.path}, the first ${asset.kind} of this service.`
    : `This service has no ${asset.kind} yet: the code uses ${asset.path}; upload it or change the path in the code.`;
}

export interface NewFunction {
  path: string;
  visibility: Visibility;
  code: string;
}

interface NewFunctionFormProps {
  id: string;
  functions: FunctionResource[];
  assets: Asset[];
  pathInput: RefObject<HTMLInputElement | null>;
  /** Shown under the fields (the server refused). */
  serverError: string | null;
  onSubmit: (created: NewFunction) => void;
}

/** The fields of New Function; it lives inside the dialog, so closing the dialog resets them. */
export function NewFunctionForm({ id, functions, assets, pathInput, serverError, onSubmit }: NewFunctionFormProps) {
  const [template, setTemplate] = useState<TemplateId>('blank');
  const [path, setPath] = useState<string | null>(null);
  const [visibility, setVisibility] = useState<Visibility>(DEFAULT_VISIBILITY);
  const [touched, setTouched] = useState(false);
  const usesId = useId();

  // Until the user types a path, it follows the template's suggestion.
  const shownPath = path ?? suggestedPath(template, new Set(functions.map(assetPath)));
  const normalized = normalizePath(shownPath.trim());
  const problem = problemOf(normalized, functions, assets);
  const versions = assets.flatMap((a) => (a.latest_version ? [a.latest_version] : []));
  const filled = fillTemplate(template, versions, pageScheme());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!problem) onSubmit({ path: normalized, visibility, code: filled.code });
  };

  return (
    <form id={id} className={styles.form} onSubmit={submit} noValidate>
      <TextField
        ref={pathInput}
        label="Path"
        value={shownPath}
        onChange={(e) => setPath(e.target.value)}
        onBlur={() => setTouched(true)}
        placeholder="/hello-world"
        spellCheck={false}
        className={styles.path}
        error={touched ? problem : null}
      />
      <fieldset className={styles.templates} aria-describedby={usesId}>
        <legend className={styles.legend}>Template</legend>
        {TEMPLATES.map((t) => (
          <label key={t.id} className={styles.template}>
            <input
              type="radio"
              name={`${id}-template`}
              value={t.id}
              checked={template === t.id}
              onChange={() => setTemplate(t.id)}
            />
            <span>{t.label}</span>
            <span className={styles.templateHint}>{t.description}</span>
          </label>
        ))}
      </fieldset>
      <p id={usesId} className={styles.uses} aria-live="polite">
        {usesText(filled.asset)}
      </p>
      <SelectField
        label="Visibility"
        value={visibility}
        options={VISIBILITIES.map((v) => ({ value: v, label: VISIBILITY_LABELS[v] }))}
        onChange={setVisibility}
      />
      {serverError ? (
        <p className={styles.error} role="alert">
          {serverError}
        </p>
      ) : null}
    </form>
  );
}
