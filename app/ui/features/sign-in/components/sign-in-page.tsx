import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/button.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { useSignInMutation } from '../api/sign-in-mutation.ts';
import styles from './sign-in-page.module.css';

/** The only thing a signed-out user sees. */
export function SignInPage() {
  const [accountSid, setAccountSid] = useState('');
  const [authToken, setAuthToken] = useState('');
  const signIn = useSignInMutation();
  const expired = new URLSearchParams(window.location.search).get('signin') === 'expired';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ accountSid: accountSid.trim(), authToken: authToken.trim() });
  };

  const error = signIn.error
    ? signIn.error instanceof ApiRequestError
      ? signIn.error.message
      : 'Could not reach the server. Try again.'
    : expired
      ? 'That sign-in link has expired or was already replaced. Sign in with your Account SID and Auth Token, or use the link the server printed at its last start.'
      : null;

  return (
    <main className={styles.page}>
      <form className={styles.card} onSubmit={submit} aria-labelledby="sign-in-title">
        <div className={styles.brand} aria-hidden="true">
          <span className={styles.logo}>A</span>
        </div>
        <h1 id="sign-in-title" className={styles.title}>
          Sign in to Assets Studio
        </h1>
        <p className={styles.lead}>
          Follow the sign-in link the server printed when it started, or use your account credentials.
        </p>
        {error ? (
          <p className={styles.error} role="alert">
            {error}
          </p>
        ) : null}
        <TextField
          label="Account SID"
          name="accountSid"
          autoComplete="username"
          spellCheck={false}
          placeholder="AC…"
          value={accountSid}
          onChange={(e) => setAccountSid(e.target.value)}
          required
        />
        <TextField
          label="Auth Token"
          name="authToken"
          type="password"
          autoComplete="current-password"
          value={authToken}
          onChange={(e) => setAuthToken(e.target.value)}
          required
        />
        <Button type="submit" variant="primary" className={styles.submit} disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    </main>
  );
}
