import { ServicesPage } from '../features/services/components/services-page.tsx';
import { AppHeader } from './app-header.tsx';
import styles from './service-editor.module.css';

export function ServicesRoute() {
  return (
    <div className={styles.shell}>
      <AppHeader />
      <ServicesPage />
    </div>
  );
}
