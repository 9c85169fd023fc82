import { assetPath } from '../../../../shared/assets.ts';
import { Button } from '../../../components/button.tsx';
import { Dialog, DialogClose } from '../../../components/dialog.tsx';
import { FILE_KINDS, kindOf, type PaneFile } from '../../../lib/files.ts';

interface DeleteFileDialogProps {
  file: PaneFile | null;
  pending: boolean;
  onConfirm: (file: PaneFile) => void;
  onDismiss: () => void;
}

/** Asks before deleting an asset or a function; says what happens to what is already deployed. */
export function DeleteFileDialog({ file, pending, onConfirm, onDismiss }: DeleteFileDialogProps) {
  const path = file ? assetPath(file) : '';
  const noun = file ? FILE_KINDS[kindOf(file)].noun : 'asset';
  return (
    <Dialog
      open={file !== null}
      onOpenChange={(open) => !open && onDismiss()}
      size="small"
      title={`Delete ${path}?`}
      description={`The ${noun} and all its versions are removed. Environments keep serving it until the next deploy.`}
      footer={
        <>
          <DialogClose>
            <Button>Cancel</Button>
          </DialogClose>
          <Button variant="danger" disabled={pending} onClick={() => file && onConfirm(file)}>
            {pending ? 'Deleting…' : 'Delete'}
          </Button>
        </>
      }
    >
      <code>{path}</code>
    </Dialog>
  );
}
