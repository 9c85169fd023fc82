import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Spinner } from './components/spinner.tsx';
import { Toaster } from './components/toast.tsx';
import { sessionQueryOptions } from './features/sign-in/api/session-query.ts';
import { SignInPage } from './features/sign-in/components/sign-in-page.tsx';
import { matchRoute, usePathname } from './lib/router.ts';
import styles from './app.module.css';

// Loaded once signed in: the sign-in page's first load carries only what it shows. A page opened
// on an editor URL (a reload, a link) is almost always signed in: its code loads at once, beside
// the session's request rather than after it.
const loadServiceEditor = () => import('./routes/service-editor.tsx');
if (matchRoute(window.location.pathname).name === 'editor') void loadServiceEditor();
const ServiceEditor = lazy(() => loadServiceEditor().then((m) => ({ default: m.ServiceEditor })));
const ServicesRoute = lazy(() => import('./routes/services-route.tsx').then((m) => ({ default: m.ServicesRoute })));

const loading = (
  <div className={styles.loading}>
    <Spinner label="Loading" size={20} />
  </div>
);

/** Signed out: only the sign-in page. Signed in: the services list or a service's editor. */
export function App() {
  const session = useQuery(sessionQueryOptions());
  const route = matchRoute(usePathname());

  let screen;
  if (session.isPending) {
    screen = loading;
  } else if (!session.data) {
    screen = <SignInPage />;
  } else if (route.name === 'editor') {
    screen = <ServiceEditor key={route.serviceSid} serviceSid={route.serviceSid} />;
  } else {
    screen = <ServicesRoute />;
  }

  return (
    <>
      <Suspense fallback={loading}>{screen}</Suspense>
      <Toaster />
    </>
  );
}
