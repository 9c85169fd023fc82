import { useEffect, useRef, useState } from 'react';
import { LEGACY_ROOT_PATH, pathProblem } from '../../../../shared/paths.ts';
import styles from './asset-row.module.css';

interface RenameFieldProps {
  path: string;
  isHtml: boolean;
  /** What is renamed: "asset" or "function". */
  noun: string;
  /** Paths in use and what holds each (conflicts are refused: a build holds one file per path). */
  takenPaths: ReadonlyMap<string, string>;
  onSubmit: (path: string) => void;
  onCancel: () => void;
}

/** "Another asset", "A function"… for the message about a path in use. */
function holderOf(holder: string, noun: string): string {
  if (holder === noun) return `Another ${holder}`;
  return /^[aeiou]/.test(holder) ? `An ${holder}` : `A ${holder}`;
}

function renameProblem(
  next: string,
  current: string,
  isHtml: boolean,
  noun: string,
  taken: ReadonlyMap<string, string>,
): { error: string | null; note: string | null } {
  const holder = next !== current ? taken.get(next) : undefined;
  const error = pathProblem(next) ?? (holder ? `${holderOf(holder, noun)} already has the path ${next}` : null);
  if (error) return { error, note: null };
  if (noun !== 'asset') return { error: null, note: null };
  if (next === '/') return { error: null, note: 'Served at the root URL of the environment' };
  if (next === LEGACY_ROOT_PATH) {
    return {
      error: null,
      note: isHtml
        ? 'Served at the root URL too (unless an asset has the path /)'
        : 'Only HTML at this path is served at the root URL',
    };
  }
  return { error: null, note: null };
}

/** Inline path editor: Enter saves, Escape cancels, rules and conflicts shown as you type. */
export function RenameField({ path, isHtml, noun, takenPaths, onSubmit, onCancel }: RenameFieldProps) {
  const [value, setValue] = useState(path);
  const input = useRef<HTMLInputElement>(null);
  const { error, note } = renameProblem(value, path, isHtml, noun, takenPaths);

  useEffect(() => {
    const el = input.current;
    if (!el) return;
    el.focus();
    // Select the file name, not the folders, like IDEs do.
    const start = path.lastIndexOf('/') + 1;
    const dot = path.lastIndexOf('.');
    el.setSelectionRange(start, dot > start ? dot : path.length);
  }, [path]);

  return (
    <div className={styles.renameWrap}>
      <input
        ref={input}
        className={styles.renameInput}
        value={value}
        aria-label={`New path for ${path}`}
        aria-invalid={error ? true : undefined}
        aria-describedby="rename-message"
        spellCheck={false}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onCancel();
          } else if (e.key === 'Enter') {
            e.preventDefault();
            if (value === path) onCancel();
            else if (!error) onSubmit(value);
          }
        }}
        onBlur={onCancel}
      />
      {error || note ? (
        <span
          id="rename-message"
          className={error ? styles.renameError : styles.renameNote}
          role={error ? 'alert' : 'status'}
        >
          {error ?? note}
        </span>
      ) : null}
    </div>
  );
}
