import type { Asset } from '../../../../shared/api-schemas.ts';
import { Button } from '../../../components/button.tsx';
import { Dialog, DialogClose } from '../../../components/dialog.tsx';
import { assetPath } from '../../../../shared/assets.ts';

interface DeleteAssetDialogProps {
  asset: Asset | null;
  pending: boolean;
  onConfirm: (asset: Asset) => void;
  onDismiss: () => void;
}

/** Asks before deleting; says what happens to what is already deployed. */
export function DeleteAssetDialog({ asset, pending, onConfirm, onDismiss }: DeleteAssetDialogProps) {
  const path = asset ? assetPath(asset) : '';
  return (
    <Dialog
      open={asset !== null}
      onOpenChange={(open) => !open && onDismiss()}
      size="small"
      title={`Delete ${path}?`}
      description="The asset and all its versions are removed. Environments keep serving it until the next deploy."
      footer={
        <>
          <DialogClose>
            <Button>Cancel</Button>
          </DialogClose>
          <Button variant="danger" disabled={pending} onClick={() => asset && onConfirm(asset)}>
            {pending ? 'Deleting…' : 'Delete'}
          </Button>
        </>
      }
    >
      <code>{path}</code>
    </Dialog>
  );
}
