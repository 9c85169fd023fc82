import { create } from 'zustand';
import type { Visibility } from '../../../shared/visibility.ts';
import { initialPath } from './initial-path.ts';
import type { MetadataState } from './inspect-file.ts';

export type QueuedFileStatus = 'ready' | 'uploading' | 'done' | 'failed';

/** A file chosen for upload, with the user's choices for it and its upload progress. */
export interface QueuedFile {
  id: string;
  file: File;
  path: string;
  visibility: Visibility;
  /** The user agreed to upload it as a new version of the existing asset at the same path. */
  replace: boolean;
  status: QueuedFileStatus;
  loaded: number;
  error: string | null;
  /** GPS, serial numbers or names found in the image (read in the browser after it is queued). */
  metadata: MetadataState;
  /** The user chose Remove metadata: the stripped copy is sent instead of the file. */
  removeMetadata: boolean;
  /** The file rewritten without metadata, once made; null before, or if it could not be. */
  stripped: Blob | null;
  stripError: string | null;
  /** SHA-256 of the file and of the stripped copy, computed when an asset has the same size. */
  hashes: { file?: string; stripped?: string };
}

/** The default for new files, as in Twilio's console. */
export const DEFAULT_VISIBILITY: Visibility = 'protected';

interface UploadState {
  dialogOpen: boolean;
  files: QueuedFile[];
  /** Files were picked in the file dialog or dropped: queue them and show the upload dialog. */
  filesAdded: (files: readonly File[]) => void;
  fileRemoved: (id: string) => void;
  visibilityChosen: (id: string, visibility: Visibility) => void;
  pathEdited: (id: string, path: string) => void;
  /** Replace (or not) the existing asset; replacing starts from that asset's visibility. */
  replaceChosen: (id: string, replace: boolean, existingVisibility: Visibility | null) => void;
  metadataRead: (id: string, metadata: MetadataState) => void;
  removeMetadataChosen: (id: string, remove: boolean) => void;
  metadataStripped: (id: string, stripped: Blob | null, error: string | null) => void;
  contentHashed: (id: string, which: 'file' | 'stripped', sha256: string) => void;
  uploadStarted: (id: string) => void;
  uploadProgressed: (id: string, loaded: number) => void;
  uploadSucceeded: (id: string) => void;
  uploadFailed: (id: string, message: string) => void;
  /** Every file uploaded: clear the queue and close. */
  uploadsCompleted: () => void;
  dialogClosed: () => void;
}

let nextId = 0;

/** The bytes an upload sends: the stripped copy when the user chose Remove metadata. */
export function uploadContent(item: QueuedFile): Blob | null {
  return item.removeMetadata ? item.stripped : item.file;
}

const uploadSize = (item: QueuedFile | undefined) => (item ? (uploadContent(item)?.size ?? 0) : 0);

const update = (files: QueuedFile[], id: string, change: Partial<QueuedFile>) =>
  files.map((f) => (f.id === id ? { ...f, ...change } : f));

export const useUploadStore = create<UploadState>()((set) => ({
  dialogOpen: false,
  files: [],
  filesAdded: (files) =>
    set((state) => ({
      dialogOpen: true,
      files: [
        ...state.files,
        ...files.map((file): QueuedFile => ({
          id: `upload-${++nextId}`,
          file,
          path: initialPath(file),
          visibility: DEFAULT_VISIBILITY,
          replace: false,
          status: 'ready',
          loaded: 0,
          error: null,
          metadata: { state: 'reading' },
          removeMetadata: false,
          stripped: null,
          stripError: null,
          hashes: {},
        })),
      ],
    })),
  fileRemoved: (id) => set((state) => ({ files: state.files.filter((f) => f.id !== id) })),
  visibilityChosen: (id, visibility) =>
    set((state) => ({ files: update(state.files, id, { visibility, error: null, status: 'ready' }) })),
  pathEdited: (id, path) =>
    set((state) => ({ files: update(state.files, id, { path, replace: false, error: null, status: 'ready' }) })),
  replaceChosen: (id, replace, existingVisibility) =>
    set((state) => ({
      files: update(
        state.files,
        id,
        replace && existingVisibility ? { replace, visibility: existingVisibility } : { replace },
      ),
    })),
  metadataRead: (id, metadata) => set((state) => ({ files: update(state.files, id, { metadata }) })),
  removeMetadataChosen: (id, removeMetadata) =>
    set((state) => ({ files: update(state.files, id, { removeMetadata, status: 'ready', error: null }) })),
  metadataStripped: (id, stripped, stripError) =>
    set((state) => ({ files: update(state.files, id, { stripped, stripError }) })),
  contentHashed: (id, which, sha256) =>
    set((state) => ({
      files: state.files.map((f) => (f.id === id ? { ...f, hashes: { ...f.hashes, [which]: sha256 } } : f)),
    })),
  uploadStarted: (id) =>
    set((state) => ({ files: update(state.files, id, { status: 'uploading', loaded: 0, error: null }) })),
  uploadProgressed: (id, loaded) => set((state) => ({ files: update(state.files, id, { loaded }) })),
  uploadSucceeded: (id) =>
    set((state) => ({
      files: update(state.files, id, { status: 'done', loaded: uploadSize(state.files.find((f) => f.id === id)) }),
    })),
  uploadFailed: (id, message) =>
    set((state) => ({ files: update(state.files, id, { status: 'failed', error: message }) })),
  uploadsCompleted: () => set({ dialogOpen: false, files: [] }),
  dialogClosed: () => set({ dialogOpen: false, files: [] }),
}));
