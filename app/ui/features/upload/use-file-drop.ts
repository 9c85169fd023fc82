import { useDropzone, type DropzoneRootProps } from 'react-dropzone';

/**
 * The one use of react-dropzone: files dropped on an element (never clicks or keys, which pass
 * through) are handed to `onFiles`. `contained` stops drags bubbling to an outer drop zone (React
 * events bubble through portals, so a drop in the dialog would otherwise reach the pane too).
 */
export function useFileDrop(onFiles: (files: File[]) => void, { contained = false } = {}) {
  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    onDrop: (accepted) => {
      if (accepted.length > 0) onFiles(accepted);
    },
    noClick: true,
    noKeyboard: true,
    multiple: true,
    noDragEventsBubbling: contained,
  });
  return {
    rootProps: (props: DropzoneRootProps) => getRootProps(props),
    inputProps: () => ({ ...getInputProps(), 'aria-hidden': true, tabIndex: -1 }),
    isDragActive,
    /** Opens the system's file picker. */
    openFilePicker: open,
  };
}
