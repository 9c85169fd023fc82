import { VISIBILITIES, VISIBILITY_LABELS, type Visibility } from '../../../../shared/visibility.ts';
import { ChevronDownIcon } from '../../../components/icons.tsx';
import { Menu, MenuLabel, MenuRadioGroup, MenuRadioItem } from '../../../components/menu.tsx';
import styles from './asset-row.module.css';

const DESCRIPTION: Record<Visibility, string> = {
  public: 'Anyone with the URL',
  protected: 'Only requests with a valid Twilio signature',
  private: 'Never by URL; only from function code',
};

/** The visibility label of a row; it opens Public / Protected / Private. */
export function VisibilityMenu({
  visibility,
  onChange,
}: {
  visibility: Visibility;
  onChange: (v: Visibility) => void;
}) {
  return (
    <Menu
      label="Visibility"
      align="end"
      trigger={
        <button
          type="button"
          className={`${styles.visibility} ${styles[visibility]}`}
          aria-label={`Visibility: ${VISIBILITY_LABELS[visibility]}`}
        >
          {VISIBILITY_LABELS[visibility]}
          <ChevronDownIcon size={12} />
        </button>
      }
    >
      <MenuLabel>Visibility</MenuLabel>
      <MenuRadioGroup<Visibility> value={visibility} onValueChange={(v) => v !== visibility && onChange(v)}>
        {VISIBILITIES.map((v) => (
          <MenuRadioItem key={v} value={v} hint={DESCRIPTION[v]}>
            {VISIBILITY_LABELS[v]}
          </MenuRadioItem>
        ))}
      </MenuRadioGroup>
    </Menu>
  );
}
