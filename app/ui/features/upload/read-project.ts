import { Unzip, UnzipInflate } from 'fflate';
import type { ProjectFile } from './toolkit-plan.ts';

/**
 * The files of a zipped project, read from the File as a stream and unzipped as it arrives (one
 * entry's bytes at a time become a Blob; the zip is never held whole).
 */
export async function filesOfZip(zip: Blob): Promise<ProjectFile[]> {
  const files: ProjectFile[] = [];
  let failure: Error | null = null;
  const unzip = new Unzip((entry) => {
    const chunks: Uint8Array<ArrayBuffer>[] = [];
    entry.ondata = (err, chunk, final) => {
      if (err) {
        failure = new Error(`${entry.name} could not be unzipped: ${err.message}`);
        return;
      }
      chunks.push(chunk);
      if (final) files.push({ name: entry.name, content: new Blob(chunks) });
    };
    entry.start();
  });
  unzip.register(UnzipInflate);
  const reader = zip.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    unzip.push(done ? new Uint8Array(0) : value, done);
    if (failure) throw failure as Error;
    if (done) break;
  }
  if (files.length === 0) throw new Error('This zip has no files (or is not a zip)');
  return files;
}

/** Dropped or picked folder files, named by their path inside the folder that was chosen. */
export function filesOfFolder(files: readonly File[]): ProjectFile[] {
  return files.map((file) => {
    // Picked with webkitdirectory: webkitRelativePath; dropped: react-dropzone's `path`.
    const relative = file.webkitRelativePath || (file as File & { path?: string }).path || file.name;
    return { name: relative.replace(/^\.?\//, ''), content: file };
  });
}

/** True for a picked or dropped file that is a zip archive. */
export const isZip = (file: File) => file.type === 'application/zip' || /\.zip$/i.test(file.name);
