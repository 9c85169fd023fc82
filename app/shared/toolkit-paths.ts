import { LEGACY_ROOT_PATH, pathProblem } from './paths.ts';
import type { Visibility } from './visibility.ts';

// How a Serverless Toolkit project (twilio-run) names its files: `assets/<path>` and
// `functions/<path>.js`, with `.protected` or `.private` before the extension for those
// visibilities; whitespace in a name becomes "-" in its path. These two functions are that rule
// and its reverse, so an export deploys with twilio-run to the same paths and an import gets them.

/** An asset or a function, as a toolkit project holds it. */
export type ToolkitKind = 'asset' | 'function';

/** One file of a project: where it goes in the service. */
export interface ToolkitEntry {
  kind: ToolkitKind;
  path: string;
  visibility: Visibility;
}

/** Splits "name.ext" at the last dot (not a leading one), as Node's path.extname does. */
function splitExt(name: string): [string, string] {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
}

/** What twilio-run makes of a project file (relative to the project, "/" separators), or why it refuses it. */
export function entryOfToolkitFile(file: string): ToolkitEntry | { problem: string } {
  const slash = file.indexOf('/');
  const top = file.slice(0, slash);
  if (slash < 0 || (top !== 'assets' && top !== 'functions')) {
    return { problem: `${file} is outside assets/ and functions/` };
  }
  const kind: ToolkitKind = top === 'assets' ? 'asset' : 'function';
  const inner = file.slice(slash + 1);
  const dir = inner.includes('/') ? inner.slice(0, inner.lastIndexOf('/') + 1) : '';
  const [base, ext] = splitExt(inner.slice(dir.length));
  if (kind === 'function' && ext !== '.js') return { problem: `${file}: functions are .js files` };
  let visibility: Visibility = 'public';
  if (inner.includes(`.protected${ext}`)) visibility = 'protected';
  else if (inner.includes(`.private${ext}`)) visibility = 'private';
  const name = visibility === 'public' ? base : base.replace(`.${visibility}`, '');
  const path = `/${dir}${name}${kind === 'function' ? '' : ext}`.replace(/\s/g, '-');
  const problem = pathProblem(path);
  if (problem) return { problem: `${file}: ${problem}` };
  return { kind, path, visibility };
}

/**
 * The project file that twilio-run turns into this path and visibility, or why there is none (a
 * name without extension cannot carry a visibility, whitespace would become "-", the root "/").
 */
export function toolkitFileOf(entry: ToolkitEntry): { file: string } | { problem: string } {
  const { kind, path, visibility } = entry;
  if (path === '/') return { problem: `The root asset "/" has no file name; export it as ${LEGACY_ROOT_PATH}` };
  const dir = path.slice(1, path.lastIndexOf('/') + 1);
  const last = path.slice(path.lastIndexOf('/') + 1);
  const [base, ext] = kind === 'function' ? [last, '.js'] : splitExt(last);
  const marker = visibility === 'public' ? '' : `.${visibility}`;
  const file = `${kind === 'asset' ? 'assets' : 'functions'}/${dir}${base}${marker}${ext}`;
  const back = entryOfToolkitFile(file);
  if ('problem' in back || back.path !== path || back.visibility !== visibility) {
    return { problem: `${path} (${visibility}) cannot be named so that twilio-run gives it back` };
  }
  return { file };
}
