import { useQuery } from '@tanstack/react-query';
import { Button } from '../../../components/button.tsx';
import { errorMessage } from '../../../components/error-boundary.tsx';
import { Spinner } from '../../../components/spinner.tsx';
import { navigate } from '../../../lib/router.ts';
import { servicesQueryOptions } from '../api/services-query.ts';
import { CreateServiceForm } from './create-service-form.tsx';
import styles from './services-page.module.css';

/** The list of Services, and the form that makes one. */
export function ServicesPage() {
  const services = useQuery(servicesQueryOptions());
  const list = services.data ?? [];

  return (
    <main className={styles.page}>
      <div className={styles.column}>
        <h1 className={styles.title}>Services</h1>
        <section className={styles.card} aria-labelledby="new-service-title">
          <h2 id="new-service-title" className={styles.cardTitle}>
            New service
          </h2>
          <CreateServiceForm existing={list} />
        </section>

        <section className={styles.card} aria-labelledby="your-services-title">
          <h2 id="your-services-title" className={styles.cardTitle}>
            Your services {services.data ? <span className={styles.count}>{list.length}</span> : null}
          </h2>
          {services.isPending ? (
            <p className={styles.muted}>
              <Spinner /> Loading services…
            </p>
          ) : services.isError ? (
            <div role="alert" className={styles.muted}>
              {errorMessage(services.error)}{' '}
              <Button size="small" onClick={() => void services.refetch()}>
                Retry
              </Button>
            </div>
          ) : list.length === 0 ? (
            <p className={styles.muted}>No services yet. Create one above to start adding assets.</p>
          ) : (
            <ul className={styles.list}>
              {list.map((service) => (
                <li key={service.sid} className={styles.item}>
                  <a
                    className={styles.link}
                    href={`/services/${service.sid}`}
                    onClick={(e) => {
                      if (e.metaKey || e.ctrlKey || e.shiftKey) return;
                      e.preventDefault();
                      navigate(`/services/${service.sid}`);
                    }}
                  >
                    {service.friendly_name}
                  </a>
                  <span className={styles.meta}>{service.unique_name}</span>
                  <span className={styles.sid}>{service.sid}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </main>
  );
}
