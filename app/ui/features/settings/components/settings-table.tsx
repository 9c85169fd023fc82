import type { ReactNode } from 'react';
import styles from './settings.module.css';

/** A settings list (variables, dependencies): two named columns and one of row actions. */
export function SettingsTable({
  label,
  columns,
  children,
}: {
  label: string;
  columns: readonly [string, string];
  children: ReactNode;
}) {
  return (
    <table className={styles.table} aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{columns[0]}</th>
          <th scope="col">{columns[1]}</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
