import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { environmentSchema, type Service } from '../../../../shared/api-schemas.ts';
import { Button } from '../../../components/button.tsx';
import { Dialog } from '../../../components/dialog.tsx';
import { api } from '../../../lib/api-client.ts';
import { environmentKeys } from '../../../lib/query-keys.ts';
import { useToolkitStore } from '../toolkit-store.ts';
import styles from './toolkit-dialogs.module.css';

/** Saves a URL of this origin as a file; the browser streams it to disk (session cookie). */
function download(url: string) {
  const link = document.createElement('a');
  link.href = url;
  link.download = '';
  document.body.append(link);
  link.click();
  link.remove();
}

/** Export: the service's latest files, or what an environment serves, as a Serverless Toolkit project zip. */
export function ExportProjectDialog({ service }: { service: Service }) {
  const open = useToolkitStore((s) => s.exportOpen);
  const exportClosed = useToolkitStore((s) => s.exportClosed);
  const [source, setSource] = useState('latest');
  const [withValues, setWithValues] = useState(false);
  const environments = useQuery({
    queryKey: [...environmentKeys.list(service.sid), 'export'],
    queryFn: () => api.list(`/v1/Services/${service.sid}/Environments`, 'environments', environmentSchema),
    enabled: open,
  });
  const base = `/v1/Services/${service.sid}`;
  const url =
    source === 'latest'
      ? `${base}/Export`
      : `${base}/Environments/${source}/Export${withValues ? '?IncludeValues=true' : ''}`;

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => (next ? undefined : exportClosed())}
      title="Export as a Serverless Toolkit project"
      description="A zip with assets/, functions/, package.json and .env that `twilio-run deploy` deploys as it is."
      footer={
        <>
          <Button onClick={exportClosed}>Cancel</Button>
          <Button
            variant="primary"
            onClick={() => {
              download(url);
              exportClosed();
            }}
          >
            Download zip
          </Button>
        </>
      }
    >
      <fieldset className={styles.body}>
        <legend className={styles.muted}>What to export</legend>
        <label className={styles.choice}>
          <input type="radio" name="export-source" checked={source === 'latest'} onChange={() => setSource('latest')} />
          Latest version of every asset and function (no .env)
        </label>
        {(environments.data ?? []).map((env) => (
          <label key={env.sid} className={styles.choice}>
            <input
              type="radio"
              name="export-source"
              checked={source === env.sid}
              onChange={() => setSource(env.sid)}
              disabled={!env.build_sid}
            />
            What {env.unique_name} serves{env.build_sid ? ` (${env.domain_name})` : ': nothing deployed yet'}
          </label>
        ))}
        {environments.isError ? <p className={styles.problems}>The environments could not be loaded.</p> : null}
        <label className={styles.choice}>
          <input
            type="checkbox"
            checked={withValues}
            onChange={(e) => setWithValues(e.target.checked)}
            disabled={source === 'latest'}
          />
          Include variable values in .env (otherwise only their names)
        </label>
      </fieldset>
    </Dialog>
  );
}
