import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useState } from 'react';
import { Button, IconButton } from '../components/button.tsx';
import { ShieldIcon } from '../components/icons.tsx';
import { ErrorBoundary, errorMessage } from '../components/error-boundary.tsx';
import { Spinner } from '../components/spinner.tsx';
import { AssetsPane } from '../features/assets-pane/components/assets-pane.tsx';
import { assetsQueryOptions, functionsQueryOptions } from '../features/assets-pane/api/files-query.ts';
import { DeployBar } from '../features/deploy/components/deploy-bar.tsx';
import { QuotaMeter } from '../features/quota/components/quota-meter.tsx';
import { ReleaseActions } from '../features/review/components/release-actions.tsx';
import { useDeployAllReview } from '../features/review/use-deploy-all-review.tsx';
import { useDeployedVersions } from '../features/deploy/use-deployed-versions.ts';
import { useSelectedEnvironment } from '../features/deploy/use-selected-environment.ts';
import { EditorArea } from '../features/editor/components/editor-area.tsx';
import { LogsPane } from '../features/logs/components/logs-pane.tsx';
import { useEditorStore } from '../features/editor/editor-store.ts';
import { useRequestStore } from '../features/request-as-twilio/request-store.ts';
import { AddMenu } from '../features/upload/components/add-menu.tsx';
import { UploadDropZone } from '../features/upload/components/upload-drop-zone.tsx';
import { serviceQueryOptions } from '../features/services/api/service-query.ts';
import { SettingsSection } from '../features/settings/components/settings-section.tsx';
import { navigate } from '../lib/router.ts';
import { AppHeader } from './app-header.tsx';
import styles from './service-editor.module.css';

// Dialogs loaded when first opened (then kept, so that closing returns focus as usual): the
// editor's first load carries only what it shows.
const NewFunctionDialog = lazy(() =>
  import('../features/functions/components/new-function-dialog.tsx').then((m) => ({ default: m.NewFunctionDialog })),
);
const RequestAsTwilioDialog = lazy(() =>
  import('../features/request-as-twilio/components/request-as-twilio-dialog.tsx').then((m) => ({
    default: m.RequestAsTwilioDialog,
  })),
);

/** True from the first time `now` is true on. */
function useOnceTrue(now: boolean): boolean {
  const [once, setOnce] = useState(now);
  if (now && !once) setOnce(true);
  return once || now;
}

/** The editor of one service: header with Deploy All, Functions and Assets pane | editor area over the logs pane. */
export function ServiceEditor({ serviceSid }: { serviceSid: string }) {
  const service = useQuery(serviceQueryOptions(serviceSid));
  const assets = useQuery(assetsQueryOptions(serviceSid));
  const functions = useQuery(functionsQueryOptions(serviceSid));
  const [newFunctionOpen, setNewFunctionOpen] = useState(false);
  const openNewFunction = useCallback(() => setNewFunctionOpen(true), []);
  const files = assets.isError ? assets : functions;
  const { environments, environment } = useSelectedEnvironment(serviceSid);
  const deployedVersions = useDeployedVersions(serviceSid, environment);
  const activeTab = useEditorStore((s) => s.activeTab);
  const assetOpened = useEditorStore((s) => s.assetOpened);
  const assetRemoved = useEditorStore((s) => s.assetRemoved);
  const requestOpened = useRequestStore((s) => s.requestOpened);
  const newFunctionLoaded = useOnceTrue(newFunctionOpen);
  const requestLoaded = useOnceTrue(useRequestStore((s) => s.target !== null));
  const deployReview = useDeployAllReview();

  const crumbs = (
    <>
      <a
        className={styles.crumbLink}
        href="/"
        onClick={(e) => {
          e.preventDefault();
          navigate('/');
        }}
      >
        Services
      </a>
      <span aria-hidden="true">/</span>
      <h1 className={styles.serviceName}>{service.data?.friendly_name ?? serviceSid}</h1>
    </>
  );

  if (service.isError) {
    return (
      <div className={styles.shell}>
        <AppHeader>{crumbs}</AppHeader>
        <div className={styles.message} role="alert">
          <p>{errorMessage(service.error)}</p>
          <Button onClick={() => navigate('/')}>Back to services</Button>
        </div>
      </div>
    );
  }

  return (
    <div className={styles.shell}>
      <AppHeader
        actions={
          service.data ? (
            <>
              <IconButton
                aria-label="Request as Twilio: any path"
                tone="header"
                onClick={() => requestOpened({ path: '/', kind: 'any' })}
              >
                <ShieldIcon />
              </IconButton>
              <ReleaseActions environment={environment} environments={environments.data ?? []} />
              <DeployBar
                service={service.data}
                environments={environments.data ?? []}
                environment={environment}
                review={deployReview.review}
              />
            </>
          ) : null
        }
      >
        {crumbs}
      </AppHeader>
      <div className={styles.workspace}>
        <aside className={styles.side}>
          <div className={styles.sidePane}>
            <ErrorBoundary region="The assets list">
              {service.data && assets.data && functions.data ? (
                <AssetsPane
                  service={service.data}
                  environment={environment}
                  functions={functions.data}
                  assets={assets.data}
                  deployedVersions={deployedVersions}
                  activeSid={activeTab}
                  onOpen={assetOpened}
                  onDeleted={assetRemoved}
                  onRequestAsTwilio={requestOpened}
                  addMenu={
                    <AddMenu
                      service={service.data}
                      assets={assets.data}
                      onCreated={assetOpened}
                      onNewFunction={openNewFunction}
                    />
                  }
                  listWrapper={(list) => <UploadDropZone service={service.data}>{list}</UploadDropZone>}
                  headerExtra={<QuotaMeter assets={assets.data} />}
                />
              ) : files.isError ? (
                <div className={styles.message} role="alert">
                  <p>{errorMessage(files.error)}</p>
                  <Button size="small" onClick={() => void files.refetch()}>
                    Retry
                  </Button>
                </div>
              ) : (
                <section className={styles.message} aria-label="Functions and Assets">
                  <Spinner label="Loading functions and assets" />
                </section>
              )}
            </ErrorBoundary>
          </div>
          {service.data ? (
            <ErrorBoundary region="Settings">
              <SettingsSection service={service.data} environment={environment} />
            </ErrorBoundary>
          ) : null}
        </aside>
        <div className={styles.main}>
          <div className={styles.editor}>
            <ErrorBoundary region="The editor">
              {service.data && assets.data && functions.data ? (
                <EditorArea
                  service={service.data}
                  environment={environment}
                  assets={assets.data}
                  functions={functions.data}
                />
              ) : null}
            </ErrorBoundary>
          </div>
          <div className={styles.logs}>
            <LogsPane serviceSid={serviceSid} environment={environment} />
          </div>
        </div>
      </div>
      <Suspense fallback={null}>
        {newFunctionLoaded && service.data && assets.data && functions.data ? (
          <NewFunctionDialog
            service={service.data}
            functions={functions.data}
            assets={assets.data}
            open={newFunctionOpen}
            onOpenChange={setNewFunctionOpen}
            onCreated={assetOpened}
          />
        ) : null}
        {requestLoaded && service.data ? (
          <RequestAsTwilioDialog service={service.data} environment={environment} />
        ) : null}
      </Suspense>
      {deployReview.dialog}
    </div>
  );
}
