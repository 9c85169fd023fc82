import { create } from 'zustand';
import type { Visibility } from '../../../shared/visibility.ts';
import { initialPath } from './initial-path.ts';

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
  uploadStarted: (id: string) => void;
  uploadProgressed: (id: string, loaded: number) => void;
  uploadSucceeded: (id: string) => void;
  uploadFailed: (id: string, message: string) => void;
  /** Every file uploaded: clear the queue and close. */
  uploadsCompleted: () => void;
  dialogClosed: () => void;
}

let nextId = 0;

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
  uploadStarted: (id) =>
    set((state) => ({ files: update(state.files, id, { status: 'uploading', loaded: 0, error: null }) })),
  uploadProgressed: (id, loaded) => set((state) => ({ files: update(state.files, id, { loaded }) })),
  uploadSucceeded: (id) =>
    set((state) => ({
      files: update(state.files, id, { status: 'done', loaded: state.files.find((f) => f.id === id)?.file.size ?? 0 }),
    })),
  uploadFailed: (id, message) =>
    set((state) => ({ files: update(state.files, id, { status: 'failed', error: message }) })),
  uploadsCompleted: () => set({ dialogOpen: false, files: [] }),
  dialogClosed: () => set({ dialogOpen: false, files: [] }),
}));
