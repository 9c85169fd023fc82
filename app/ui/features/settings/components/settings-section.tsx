import { useRef, useState } from 'react';
import type { Environment, Service } from '../../../../shared/api-schemas.ts';
import { Button } from '../../../components/button.tsx';
import { Dialog } from '../../../components/dialog.tsx';
import { DependenciesPanel } from './dependencies-panel.tsx';
import { VariablesPanel } from './variables-panel.tsx';
import styles from './settings.module.css';

type Panel = 'variables' | 'dependencies';

/** "Settings" under the pane: Environment Variables (of the selected environment) and Dependencies. */
export function SettingsSection({ service, environment }: { service: Service; environment: Environment | null }) {
  const [open, setOpen] = useState<Panel | null>(null);
  // Focus goes back to the button that opened a panel.
  const variablesButton = useRef<HTMLButtonElement>(null);
  const dependenciesButton = useRef<HTMLButtonElement>(null);
  const onOpenChange = (panel: Panel) => (next: boolean) => setOpen(next ? panel : null);

  return (
    <section className={styles.section} aria-labelledby="settings-title">
      <h2 id="settings-title" className={styles.sectionTitle}>
        Settings
      </h2>
      <div className={styles.links}>
        <Button
          ref={variablesButton}
          variant="ghost"
          size="small"
          disabled={!environment}
          onClick={() => setOpen('variables')}
        >
          Environment variables
        </Button>
        <Button ref={dependenciesButton} variant="ghost" size="small" onClick={() => setOpen('dependencies')}>
          Dependencies
        </Button>
      </div>
      {environment ? (
        <Dialog
          open={open === 'variables'}
          onOpenChange={onOpenChange('variables')}
          title={`Environment variables · ${environment.unique_name}`}
          size="large"
          finalFocus={variablesButton}
        >
          <VariablesPanel service={service} environment={environment} />
        </Dialog>
      ) : null}
      <Dialog
        open={open === 'dependencies'}
        onOpenChange={onOpenChange('dependencies')}
        title="Dependencies"
        size="large"
        finalFocus={dependenciesButton}
      >
        <DependenciesPanel serviceSid={service.sid} />
      </Dialog>
    </section>
  );
}
