import { useRef, useState, type FormEvent, type RefObject } from 'react';
import type { Environment, Service } from '../../../../shared/api-schemas.ts';
import { normalizePath, pathProblem } from '../../../../shared/paths.ts';
import type { ParamPair, SignedRequestMethod } from '../../../../shared/signed-request.ts';
import { assetUrl } from '../../../../shared/urls.ts';
import { Button } from '../../../components/button.tsx';
import { Dialog } from '../../../components/dialog.tsx';
import { errorMessage } from '../../../components/error-boundary.tsx';
import { Spinner } from '../../../components/spinner.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { pageScheme } from '../../../lib/scheme.ts';
import { useSignedRequestMutation } from '../api/signed-request-mutation.ts';
import { useRequestStore, type RequestTarget } from '../request-store.ts';
import { AnswerView } from './answer-view.tsx';
import { CurlCommand } from './curl-command.tsx';
import { InvocationLogs } from './invocation-logs.tsx';
import { ParamsEditor } from './params-editor.tsx';
import styles from './request-as-twilio-dialog.module.css';

interface Props {
  service: Service;
  environment: Environment | null;
}

/**
 * "Request as Twilio": sends a request to the selected environment the way Twilio does (signed
 * with the Auth Token, by the server) and shows the unsigned and signed answers side by side.
 */
export function RequestAsTwilioDialog({ service, environment }: Props) {
  const target = useRequestStore((s) => s.target);
  const requestClosed = useRequestStore((s) => s.requestClosed);
  const opener = useRequestStore((s) => s.opener);
  const pathField = useRef<HTMLInputElement>(null);
  return (
    <Dialog
      open={target !== null}
      onOpenChange={(open) => {
        if (!open) requestClosed();
      }}
      title="Request as Twilio"
      description="The server signs the request with your account's Auth Token (X-Twilio-Signature), as Twilio does when it fetches a protected asset or calls a webhook; the token never reaches the browser."
      size="large"
      contentProps={{ className: styles.wide }}
      initialFocus={pathField}
      finalFocus={{ current: opener }}
    >
      {target ? (
        <RequestForm
          key={`${target.kind}:${target.path}`}
          target={target}
          service={service}
          environment={environment}
          pathField={pathField}
        />
      ) : null}
    </Dialog>
  );
}

function RequestForm({
  target,
  service,
  environment,
  pathField,
}: Props & { target: RequestTarget; pathField: RefObject<HTMLInputElement | null> }) {
  const [path, setPath] = useState(target.path);
  const [method, setMethod] = useState<SignedRequestMethod>(target.kind === 'function' ? 'POST' : 'GET');
  const [params, setParams] = useState<ParamPair[]>([]);
  const [touched, setTouched] = useState(false);
  const send = useSignedRequestMutation();

  const normalized = normalizePath(path.trim());
  const problem = pathProblem(normalized);
  const url = environment && !problem ? assetUrl(pageScheme(), environment.domain_name, normalized) : null;
  const withParams = target.kind !== 'asset';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!url) return;
    send.mutate({
      serviceSid: service.sid,
      url,
      method: withParams ? method : 'GET',
      params: withParams ? params.filter(([name]) => name !== '') : [],
    });
  };

  const result = send.data;
  return (
    <div className={styles.layout}>
      <form className={styles.form} onSubmit={submit} aria-label="Request">
        <div className={styles.line}>
          <TextField
            ref={pathField}
            className={styles.path}
            label="Path"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            error={touched && problem ? problem : null}
            hint={environment ? `on ${environment.unique_name} (${environment.domain_name})` : null}
            spellCheck={false}
          />
          {withParams ? (
            <fieldset className={styles.methods}>
              <legend className={styles.legend}>Method</legend>
              {(['GET', 'POST'] as const).map((m) => (
                <label key={m} className={styles.method}>
                  <input type="radio" name="method" value={m} checked={method === m} onChange={() => setMethod(m)} />
                  {m}
                </label>
              ))}
            </fieldset>
          ) : null}
          <Button variant="primary" type="submit" disabled={send.isPending || !environment}>
            Send
          </Button>
        </div>
        {withParams ? <ParamsEditor params={params} onChange={setParams} method={method} /> : null}
        {!environment ? (
          <p role="alert" className={styles.problem}>
            This service has no environment yet: nothing to send the request to.
          </p>
        ) : null}
      </form>

      <div aria-live="polite" className={styles.results}>
        {send.isPending ? <Spinner label="Sending the request" /> : null}
        {send.isError ? (
          <p role="alert" className={styles.problem}>
            {errorMessage(send.error)}
          </p>
        ) : null}
        {result && !send.isPending ? (
          <>
            <p className={styles.url}>
              {result.method} <code>{result.url}</code>
            </p>
            <div className={styles.sides}>
              <AnswerView title="Without a signature" answer={result.unsigned} />
              <AnswerView title="Signed as Twilio" answer={result.signed} />
            </div>
            <CurlCommand command={result.curl} />
            {result.request_sid ? <InvocationLogs requestSid={result.request_sid} logs={result.logs} /> : null}
          </>
        ) : null}
      </div>
    </div>
  );
}
