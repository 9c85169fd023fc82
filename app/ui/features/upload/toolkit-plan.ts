import { entryOfToolkitFile, type ToolkitEntry } from '../../../shared/toolkit-paths.ts';

/** A file of a dropped or picked project, named relative to the project ("assets/x.css"). */
export interface ProjectFile {
  name: string;
  content: Blob;
}

/** What an import will do, worked out before anything is sent. */
export interface ImportPlan {
  items: (ToolkitEntry & { file: ProjectFile })[];
  /** Files twilio-run would not deploy either (package.json, .env, node_modules, README…). */
  ignored: string[];
  /** Why the project cannot be imported; nothing is sent when there is any. */
  problems: string[];
}

/** A name that could write outside the project or that no zip tool writes on purpose. */
function unsafeName(name: string): boolean {
  return (
    name.startsWith('/') ||
    name.includes('\\') ||
    /^[a-zA-Z]:/.test(name) ||
    name.split('/').some((segment) => segment === '..' || segment === '.')
  );
}

/** "project/assets/x" → "assets/x" when every file sits in one top folder (a zipped folder). */
function withoutTopFolder(names: string[]): (name: string) => string {
  const tops = new Set(names.map((n) => (n.includes('/') ? n.slice(0, n.indexOf('/')) : '')));
  const [top] = [...tops];
  if (tops.size !== 1 || !top || top === 'assets' || top === 'functions') return (n) => n;
  return (n) => n.slice(top.length + 1);
}

const IGNORED_DIRS = /(^|\/)(node_modules|\.git|\.twiliodeployinfo)(\/|$)/;

/** Maps a toolkit project's files to assets and functions the way twilio-run deploys them. */
export function planImport(files: ProjectFile[]): ImportPlan {
  const plan: ImportPlan = { items: [], ignored: [], problems: [] };
  const entries = files.filter((f) => !f.name.endsWith('/'));
  const relative = withoutTopFolder(entries.map((f) => f.name));
  const seen = new Map<string, string>();
  for (const file of entries) {
    if (unsafeName(file.name)) {
      plan.problems.push(`${file.name}: names with "..", "." segments, a leading "/" or "\\" are refused`);
      continue;
    }
    const name = relative(file.name);
    if (!/^(assets|functions)\//.test(name) || IGNORED_DIRS.test(name) || /(^|\/)\.DS_Store$/.test(name)) {
      plan.ignored.push(name);
      continue;
    }
    const entry = entryOfToolkitFile(name);
    if ('problem' in entry) {
      plan.problems.push(entry.problem);
      continue;
    }
    if (file.content.size === 0) {
      plan.problems.push(`${name} is empty; empty files cannot be uploaded`);
      continue;
    }
    const key = `${entry.kind}:${entry.path}`;
    const earlier = seen.get(key);
    if (earlier) {
      plan.problems.push(`${earlier} and ${name} both become ${entry.path}`);
      continue;
    }
    seen.set(key, name);
    plan.items.push({ ...entry, file: { name, content: file.content } });
  }
  if (plan.items.length === 0 && plan.problems.length === 0) {
    plan.problems.push('No assets/ or functions/ folder with files: this is not a Serverless Toolkit project');
  }
  return plan;
}
