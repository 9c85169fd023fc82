import { useId, useRef } from 'react';
import type { Asset, FunctionResource, Service } from '../../../../shared/api-schemas.ts';
import { Dialog, FormDialogFooter } from '../../../components/dialog.tsx';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { notice } from '../../../lib/notices-store.ts';
import { useFunctionCreateMutation } from '../api/function-create-mutation.ts';
import { NewFunctionForm } from './new-function-form.tsx';

interface NewFunctionDialogProps {
  service: Service;
  functions: FunctionResource[];
  assets: Asset[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The function was created (the editor opens it). */
  onCreated: (functionSid: string) => void;
}

/** Add+ → New Function: a template (filled with the service's assets), a path and a visibility. */
export function NewFunctionDialog({
  service,
  functions,
  assets,
  open,
  onOpenChange,
  onCreated,
}: NewFunctionDialogProps) {
  const create = useFunctionCreateMutation(service.sid);
  const pathInput = useRef<HTMLInputElement>(null);
  const formId = useId();
  const { error } = create;

  const openChanged = (next: boolean) => {
    if (!next) create.reset();
    onOpenChange(next);
  };

  return (
    <Dialog
      open={open}
      onOpenChange={openChanged}
      initialFocus={pathInput}
      title="New function"
      description="JavaScript that runs on your environments' domains. It is deployed with your next Deploy All."
      footer={
        <FormDialogFooter formId={formId} pending={create.isPending} submitLabel="Create" pendingLabel="Creating…" />
      }
    >
      <NewFunctionForm
        id={formId}
        functions={functions}
        assets={assets}
        pathInput={pathInput}
        serverError={
          error ? (error instanceof ApiRequestError ? error.message : 'Could not create the function') : null
        }
        onSubmit={(created) =>
          create.mutate(created, {
            onSuccess: (version) => {
              notice.info(`Created function ${version.path}`);
              onCreated(version.function_sid);
              openChanged(false);
            },
          })
        }
      />
    </Dialog>
  );
}
