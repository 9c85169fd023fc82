import { useRef } from 'react';
import type { ParamPair } from '../../../../shared/signed-request.ts';
import { Button, IconButton } from '../../../components/button.tsx';
import { CloseIcon, PlusIcon } from '../../../components/icons.tsx';
import styles from './params-editor.module.css';

/** Rows of name = value; a name may repeat (sent, and signed, as a list). */
export function ParamsEditor({
  params,
  onChange,
  method,
}: {
  params: ParamPair[];
  onChange: (params: ParamPair[]) => void;
  method: 'GET' | 'POST';
}) {
  const list = useRef<HTMLUListElement>(null);
  const set = (index: number, pair: ParamPair) => onChange(params.map((p, i) => (i === index ? pair : p)));
  const focusName = (index: number) =>
    requestAnimationFrame(() => list.current?.querySelectorAll('input')[index * 2]?.focus());

  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>
        Parameters <span className={styles.where}>({method === 'GET' ? 'query string' : 'form body'}, signed)</span>
      </legend>
      {params.length === 0 ? <p className={styles.none}>None.</p> : null}
      <ul ref={list} className={styles.rows}>
        {params.map(([name, value], i) => (
          <li key={i} className={styles.row}>
            <input
              className={styles.input}
              aria-label={`Parameter ${i + 1} name`}
              placeholder="Name"
              value={name}
              onChange={(e) => set(i, [e.target.value, value])}
            />
            <span aria-hidden="true">=</span>
            <input
              className={styles.input}
              aria-label={`Parameter ${i + 1} value`}
              placeholder="Value"
              value={value}
              onChange={(e) => set(i, [name, e.target.value])}
            />
            <IconButton
              aria-label={`Remove parameter ${i + 1}`}
              onClick={() => {
                onChange(params.filter((_, j) => j !== i));
                if (params.length > 1) focusName(Math.min(i, params.length - 2));
              }}
            >
              <CloseIcon />
            </IconButton>
          </li>
        ))}
      </ul>
      <Button
        size="small"
        variant="ghost"
        icon={<PlusIcon />}
        onClick={() => {
          onChange([...params, ['', '']]);
          focusName(params.length);
        }}
      >
        Add parameter
      </Button>
    </fieldset>
  );
}
