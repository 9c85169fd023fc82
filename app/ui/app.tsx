import { useQuery } from '@tanstack/react-query';
import { Spinner } from './components/spinner.tsx';
import { Toaster } from './components/toast.tsx';
import { sessionQueryOptions } from './features/sign-in/api/session-query.ts';
import { SignInPage } from './features/sign-in/components/sign-in-page.tsx';
import { matchRoute, usePathname } from './lib/router.ts';
import { ServiceEditor } from './routes/service-editor.tsx';
import { ServicesRoute } from './routes/services-route.tsx';
import styles from './app.module.css';

/** Signed out: only the sign-in page. Signed in: the services list or a service's editor. */
export function App() {
  const session = useQuery(sessionQueryOptions());
  const route = matchRoute(usePathname());

  let screen;
  if (session.isPending) {
    screen = (
      <div className={styles.loading}>
        <Spinner label="Loading" size={20} />
      </div>
    );
  } else if (!session.data) {
    screen = <SignInPage />;
  } else if (route.name === 'editor') {
    screen = <ServiceEditor key={route.serviceSid} serviceSid={route.serviceSid} />;
  } else {
    screen = <ServicesRoute />;
  }

  return (
    <>
      {screen}
      <Toaster />
    </>
  );
}
