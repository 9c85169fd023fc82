import * as RadixMenu from '@radix-ui/react-dropdown-menu';
import type { ReactElement, ReactNode } from 'react';
import { CheckIcon } from './icons.tsx';
import styles from './menu.module.css';

export interface MenuProps {
  /** The button that opens the menu; it must have an accessible name. Enter, Space and ↓ open it. */
  trigger: ReactElement;
  children: ReactNode;
  align?: 'start' | 'end';
  /** Accessible name of the menu itself. */
  label: string;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}

/** A dropdown menu (Radix): arrow keys, typeahead, Escape, focus returns to the trigger. */
export function Menu({ trigger, children, align = 'start', label, open, onOpenChange }: MenuProps) {
  return (
    <RadixMenu.Root open={open} onOpenChange={onOpenChange} modal={false}>
      <RadixMenu.Trigger asChild>{trigger}</RadixMenu.Trigger>
      <RadixMenu.Portal>
        <RadixMenu.Content
          className={styles.content}
          align={align}
          sideOffset={4}
          collisionPadding={8}
          aria-label={label}
        >
          {children}
        </RadixMenu.Content>
      </RadixMenu.Portal>
    </RadixMenu.Root>
  );
}

export interface MenuItemProps {
  children: ReactNode;
  onSelect: () => void;
  icon?: ReactNode;
  /** Extra text on the right, e.g. a hint or shortcut. */
  hint?: ReactNode;
  tone?: 'default' | 'danger';
  disabled?: boolean;
}

export function MenuItem({ children, onSelect, icon, hint, tone = 'default', disabled }: MenuItemProps) {
  return (
    <RadixMenu.Item
      className={`${styles.item} ${tone === 'danger' ? styles.danger : ''}`}
      onSelect={onSelect}
      disabled={disabled}
    >
      <span className={styles.icon}>{icon}</span>
      <span className={styles.text}>{children}</span>
      {hint ? (
        <span className={styles.hint} aria-hidden="true">
          {hint}
        </span>
      ) : null}
    </RadixMenu.Item>
  );
}

export interface MenuRadioGroupProps<T extends string> {
  value: T;
  onValueChange: (value: T) => void;
  children: ReactNode;
}

export function MenuRadioGroup<T extends string>({ value, onValueChange, children }: MenuRadioGroupProps<T>) {
  return (
    <RadixMenu.RadioGroup value={value} onValueChange={(v) => onValueChange(v as T)}>
      {children}
    </RadixMenu.RadioGroup>
  );
}

export function MenuRadioItem({ value, children, hint }: { value: string; children: ReactNode; hint?: ReactNode }) {
  return (
    <RadixMenu.RadioItem className={styles.item} value={value}>
      <span className={styles.icon}>
        <RadixMenu.ItemIndicator>
          <CheckIcon />
        </RadixMenu.ItemIndicator>
      </span>
      <span className={styles.text}>
        {children}
        {hint ? <span className={styles.description}>{hint}</span> : null}
      </span>
    </RadixMenu.RadioItem>
  );
}

export function MenuSeparator() {
  return <RadixMenu.Separator className={styles.separator} />;
}

export function MenuLabel({ children }: { children: ReactNode }) {
  return <RadixMenu.Label className={styles.label}>{children}</RadixMenu.Label>;
}
