import { create } from 'zustand';
import { filesOfFolder, filesOfZip, isZip } from './read-project.ts';
import { planImport, type ImportPlan } from './toolkit-plan.ts';

interface ToolkitState {
  importOpen: boolean;
  /** The project being imported, once read and checked. */
  plan: ImportPlan | null;
  /** Why the picked project could not be read. */
  readError: string | null;
  exportOpen: boolean;
  /** Opens the import dialog, reading the files handed over (a dropped zip or folder) if any. */
  importOpened: (files?: File[]) => void;
  /** A zip or folder was picked or dropped in the import dialog. */
  projectPicked: (files: File[]) => void;
  importClosed: () => void;
  exportOpened: () => void;
  exportClosed: () => void;
}

let reading = 0;

/** Which Serverless Toolkit dialog is open, and the project being prepared (UI state only). */
export const useToolkitStore = create<ToolkitState>()((set, get) => ({
  importOpen: false,
  plan: null,
  readError: null,
  exportOpen: false,
  importOpened: (files) => {
    set({ importOpen: true, plan: null, readError: null });
    if (files) get().projectPicked(files);
  },
  projectPicked: (files) => {
    const ticket = ++reading;
    set({ plan: null, readError: null });
    const zip = files.length === 1 && files[0] && isZip(files[0]) ? files[0] : null;
    const project = zip ? filesOfZip(zip) : Promise.resolve(filesOfFolder(files));
    project.then(
      (read) => {
        if (ticket === reading) set({ plan: planImport(read) });
      },
      (error: unknown) => {
        if (ticket === reading) set({ readError: error instanceof Error ? error.message : String(error) });
      },
    );
  },
  importClosed: () => {
    reading++;
    set({ importOpen: false, plan: null, readError: null });
  },
  exportOpened: () => set({ exportOpen: true }),
  exportClosed: () => set({ exportOpen: false }),
}));
