/**
 * The path a chosen or dropped file starts with: its place in a dropped folder when the browser
 * tells it (react-dropzone's `path`, or `webkitRelativePath`), else its name, always from "/".
 */
export function initialPath(file: File & { path?: string }): string {
  const relative = file.path || file.webkitRelativePath || file.name;
  return `/${relative.replace(/^\.?\/+/, '')}`;
}
