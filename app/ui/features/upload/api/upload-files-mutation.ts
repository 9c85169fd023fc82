import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { assetKeys } from '../../../lib/query-keys.ts';
import { uploadContent, useUploadStore, type QueuedFile } from '../upload-store.ts';
import { createAssetVersion } from './create-asset-version.ts';

export interface UploadItem {
  file: QueuedFile;
  /** The existing asset to add a version to (replace), or null for a new asset. */
  assetSid: string | null;
}

export interface UploadOutcome {
  succeeded: QueuedFile[];
  failed: { file: QueuedFile; message: string }[];
}

/** Files uploaded at once; more would only compete for the same bandwidth. */
const CONCURRENCY = 3;

function messageOf(error: unknown): string {
  if (error instanceof ApiRequestError) return error.message;
  return 'The upload failed unexpectedly';
}

/**
 * Uploads queued files (a few at a time), reporting per-file progress and errors to the upload
 * store; one file failing does not stop the others. Refreshes the asset list when done.
 */
export function useUploadFilesMutation(serviceSid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ items, signal }: { items: UploadItem[]; signal: AbortSignal }): Promise<UploadOutcome> => {
      const store = useUploadStore.getState();
      const outcome: UploadOutcome = { succeeded: [], failed: [] };
      const pending = [...items];
      const worker = async () => {
        for (let item = pending.shift(); item; item = pending.shift()) {
          const { file } = item;
          store.uploadStarted(file.id);
          try {
            const content = uploadContent(file);
            if (!content) throw new ApiRequestError(0, null, 'The copy without metadata is not ready');
            await createAssetVersion({
              serviceSid,
              assetSid: item.assetSid,
              path: file.path,
              visibility: file.visibility,
              content,
              metadataRemoved: file.removeMetadata,
              filename: file.file.name,
              onProgress: ({ loaded }) => store.uploadProgressed(file.id, loaded),
              signal,
            });
            store.uploadSucceeded(file.id);
            outcome.succeeded.push(file);
          } catch (error) {
            const message = messageOf(error);
            store.uploadFailed(file.id, message);
            outcome.failed.push({ file, message });
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
      // Report in the order the user listed the files, not the order they finished.
      const order = (file: QueuedFile) => items.findIndex((item) => item.file.id === file.id);
      outcome.succeeded.sort((a, b) => order(a) - order(b));
      outcome.failed.sort((a, b) => order(a.file) - order(b.file));
      return outcome;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: assetKeys.list(serviceSid) }),
  });
}
