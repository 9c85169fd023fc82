import { useEffect, useRef } from 'react';
import type { Asset } from '../../../shared/api-schemas.ts';
import { readMetadata, sha256Hex, stripFile } from './inspect-file.ts';
import { useUploadStore, type QueuedFile } from './upload-store.ts';

/**
 * Works out, in the background, what the dialog shows about each queued file: its identifying
 * metadata, its copy without metadata (when the user asks for one), and its SHA-256 when an
 * existing asset has the same size (only then can the bytes be the same).
 */
export function useFileInspection(files: readonly QueuedFile[], assets: readonly Asset[]) {
  const started = useRef(new Set<string>());
  useEffect(() => {
    const store = useUploadStore.getState();
    const sizes = new Set(assets.flatMap((a) => (a.latest_version ? [a.latest_version.size] : [])));
    const once = (key: string, work: () => Promise<void>) => {
      if (started.current.has(key)) return;
      started.current.add(key);
      void work();
    };
    const hash = (item: QueuedFile, which: 'file' | 'stripped', blob: Blob | null) => {
      if (!blob || item.hashes[which] || !sizes.has(blob.size)) return;
      once(`${item.id}:hash:${which}`, async () => {
        store.contentHashed(item.id, which, await sha256Hex(blob));
      });
    };
    for (const item of files) {
      once(`${item.id}:metadata`, async () => {
        store.metadataRead(item.id, await readMetadata(item.file));
      });
      if (item.removeMetadata) {
        once(`${item.id}:strip`, async () => {
          try {
            store.metadataStripped(item.id, await stripFile(item.file), null);
          } catch (error) {
            store.metadataStripped(item.id, null, error instanceof Error ? error.message : String(error));
          }
        });
      }
      hash(item, 'file', item.file);
      hash(item, 'stripped', item.stripped);
    }
  }, [files, assets]);
}
