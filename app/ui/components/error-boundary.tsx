import { QueryErrorResetBoundary } from '@tanstack/react-query';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ApiRequestError } from '../lib/api-client.ts';
import { Button } from './button.tsx';
import styles from './error-boundary.module.css';

/** What to tell the user about an error: API messages as they are, never internals. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiRequestError) return error.message;
  return 'Something went wrong. Try again.';
}

interface InnerProps {
  region: string;
  onReset: () => void;
  children: ReactNode;
}

class Inner extends Component<InnerProps, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(`${this.props.region} failed`, error, info.componentStack);
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <div className={styles.fallback} role="alert">
        <p className={styles.title}>{this.props.region} could not be shown</p>
        <p className={styles.message}>{errorMessage(this.state.error)}</p>
        <Button
          size="small"
          onClick={() => {
            this.props.onReset();
            this.setState({ error: null });
          }}
        >
          Retry
        </Button>
      </div>
    );
  }
}

/** Per-region error boundary: a failed query or render shows here with Retry, the rest keeps working. */
export function ErrorBoundary({ region, children }: { region: string; children: ReactNode }) {
  return (
    <QueryErrorResetBoundary>
      {({ reset }) => (
        <Inner region={region} onReset={reset}>
          {children}
        </Inner>
      )}
    </QueryErrorResetBoundary>
  );
}
