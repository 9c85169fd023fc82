import type { Environment, Service } from '../../../../shared/api-schemas.ts';
import { Button } from '../../../components/button.tsx';
import { ChevronDownIcon, ExternalIcon, GlobeIcon, RocketIcon } from '../../../components/icons.tsx';
import { Menu, MenuLabel, MenuRadioGroup, MenuRadioItem } from '../../../components/menu.tsx';
import { Spinner } from '../../../components/spinner.tsx';
import { environmentUrl } from '../../../lib/scheme.ts';
import { useDeployAll, type DeployPhase, type DeployReview } from '../use-deploy-all.ts';
import { useDeployStore } from '../deploy-store.ts';
import styles from './deploy-bar.module.css';

interface DeployBarProps {
  service: Service;
  environments: Environment[];
  environment: Environment | null;
  /** Shown before building (the review feature's dialog); Shift+click skips it. */
  review?: DeployReview;
}

const PHASE_TEXT: Record<DeployPhase, string> = {
  saving: 'Saving changes…',
  reviewing: 'Reviewing changes…',
  building: 'Building…',
  installing: 'Installing dependencies…',
  deploying: 'Deploying…',
};

/** Top right of the editor: the selected environment's URL (click to switch) and Deploy All. */
export function DeployBar({ service, environments, environment, review }: DeployBarProps) {
  const environmentSelected = useDeployStore((s) => s.environmentSelected);
  const { deployAll, phase, installing } = useDeployAll(service.sid, review);
  const url = environment ? environmentUrl(environment.domain_name) : null;

  return (
    <div className={styles.bar}>
      {environment && url ? (
        <>
          <Menu
            label="Environments"
            align="end"
            trigger={
              <button
                type="button"
                className={styles.environment}
                aria-label={`Environment ${environment.unique_name}: ${url}`}
              >
                <GlobeIcon />
                <span className={styles.envName}>{environment.unique_name}</span>
                <span className={styles.url}>{url}</span>
                <ChevronDownIcon size={14} />
              </button>
            }
          >
            <MenuLabel>Deploy to and show status for</MenuLabel>
            <MenuRadioGroup value={environment.sid} onValueChange={(sid) => environmentSelected(service.sid, sid)}>
              {environments.map((e) => (
                <MenuRadioItem key={e.sid} value={e.sid} hint={environmentUrl(e.domain_name)}>
                  {e.unique_name}
                </MenuRadioItem>
              ))}
            </MenuRadioGroup>
          </Menu>
          <a
            className={styles.open}
            href={url}
            target="_blank"
            rel="noreferrer"
            aria-label={`Open ${url} in a new tab`}
            title="Open in a new tab"
          >
            <ExternalIcon />
          </a>
        </>
      ) : (
        <span className={styles.noEnv}>No environment</span>
      )}
      {phase ? (
        <span className={styles.progress} role="status">
          <Spinner />{' '}
          {phase === 'installing' ? `Installing dependencies (${installing.join(', ')})…` : PHASE_TEXT[phase]}
        </span>
      ) : null}
      <Button
        variant="primary"
        icon={<RocketIcon />}
        disabled={!environment || phase !== null}
        aria-busy={phase !== null}
        title={review ? 'Shift+click to deploy without the review' : undefined}
        onClick={(event) => {
          if (environment) deployAll(environment, { skipReview: event.shiftKey });
        }}
      >
        Deploy All
      </Button>
      {phase ? <span className={styles.bar_progress} aria-hidden="true" /> : null}
    </div>
  );
}
