import type { Dependency } from '../../shared/api-schemas.ts';
import { LEGACY_ROOT_PATH } from '../../shared/paths.ts';
import { toolkitFileOf } from '../../shared/toolkit-paths.ts';
import type { Ctx } from '../context.ts';
import type { EnvironmentRow } from '../store/environments-repo.ts';
import type { VersionRow } from '../store/files-repo.ts';
import type { ServiceRow } from '../store/services-repo.ts';
import type { ZipSource } from './zip-stream.ts';

// A Serverless Toolkit project of a service: assets/ and functions/ named the way twilio-run reads
// them, package.json with the dependencies, .env with an environment's variables. `twilio-run
// deploy` in the unzipped folder deploys the same paths with the same visibilities.

/** What goes into the project. */
export interface ExportRequest {
  service: ServiceRow;
  /** Whose build is exported (what it serves), or null for every file's latest version. */
  served: EnvironmentRow | null;
  /** Whose variables go into .env, or null for no .env. */
  variablesOf: EnvironmentRow | null;
  includeValues: boolean;
}

const PAGE = 1000;

async function latestVersions(ctx: Ctx, serviceSid: string): Promise<VersionRow[]> {
  const out: VersionRow[] = [];
  for (const kind of ['asset', 'function'] as const) {
    for (let offset = 0; ; offset += PAGE) {
      const page = await ctx.store.files.list(serviceSid, kind, { limit: PAGE, offset });
      const sids = page.items.flatMap((file) => (file.latest_version_sid ? [file.latest_version_sid] : []));
      const versions = await ctx.store.files.versionsBySid(sids);
      for (const sid of sids) {
        const version = versions.get(sid);
        if (version) out.push(version);
      }
      if (!page.hasMore) break;
    }
  }
  return out;
}

/** Text is deflated; images, audio and archives are stored as they are (compressing them gains nothing). */
const compressible = (contentType: string) =>
  /^text\/|json|javascript|xml|svg|csv|yaml|markdown/.test(contentType.split(';')[0] ?? '');

/** A .env value dotenv reads back unchanged: bare when it can be, else quoted. */
export function dotenvValue(value: string): string {
  if (/^[^\s#"'`\\]*$/.test(value)) return value;
  if (!value.includes("'") && !/[\r\n]/.test(value)) return `'${value}'`;
  // Double quotes: dotenv turns \n back into a newline.
  return `"${value.replace(/\r?\n/g, '\\n')}"`;
}

const text = (content: string) => () => [new TextEncoder().encode(content)];

/** The files of the project, in zip order, and the notes about what could not be represented. */
export async function exportSources(ctx: Ctx, request: ExportRequest): Promise<ZipSource[]> {
  const { service, served } = request;
  let versions: readonly VersionRow[];
  let dependencies: Dependency[] = [];
  if (served) {
    const build = served.build_sid ? await ctx.store.builds.findBySid(served.build_sid) : undefined;
    versions = build ? await ctx.store.builds.versions(build.sid) : [];
    dependencies = build ? (JSON.parse(build.dependencies) as Dependency[]) : [];
  } else {
    versions = await latestVersions(ctx, service.sid);
    // The list the editor keeps (what the next Deploy All sends), else the newest build's.
    const kept = await ctx.store.serviceDependencies.find(service.sid);
    const newest = kept ? undefined : (await ctx.store.builds.list(service.sid, { limit: 1, offset: 0 })).items[0];
    const list = kept?.dependencies ?? newest?.dependencies;
    dependencies = list ? (JSON.parse(list) as Dependency[]) : [];
  }

  const notes: string[] = [];
  const sources: ZipSource[] = [
    { name: 'assets/', content: () => [], compress: false },
    { name: 'functions/', content: () => [], compress: false },
  ];
  const taken = new Set(versions.map((v) => `${v.kind}:${v.path}`));
  for (const version of versions) {
    let path = version.path;
    if (version.kind === 'asset' && path === '/' && !taken.has(`asset:${LEGACY_ROOT_PATH}`)) {
      // twilio-run serves assets/assets/index.html at "/" too: the same root page.
      path = LEGACY_ROOT_PATH;
      notes.push(`The root asset "/" is exported as assets${LEGACY_ROOT_PATH}, which twilio-run also serves at "/".`);
    }
    const named = toolkitFileOf({ kind: version.kind, path, visibility: version.visibility });
    if ('problem' in named) {
      notes.push(`Left out: ${named.problem}.`);
      continue;
    }
    sources.push({
      name: named.file,
      content: async function* () {
        yield* await ctx.store.blobs.read(version.sha256);
      },
      compress: compressible(version.content_type),
      modified: new Date(version.date_created),
    });
  }

  const packageJson = {
    name: service.unique_name.toLowerCase(),
    version: '1.0.0',
    private: true,
    description: `Exported from Assets Studio: ${service.friendly_name}`,
    dependencies: Object.fromEntries(dependencies.map((d) => [d.name, d.version])),
  };
  sources.push({ name: 'package.json', content: text(`${JSON.stringify(packageJson, null, 2)}\n`), compress: true });

  if (request.variablesOf) {
    const env = request.variablesOf;
    const variables = await ctx.store.variables.all(env.sid);
    const lines = [
      `# Variables of the ${env.unique_name} environment${request.includeValues ? '' : ' (keys only: export with values to include them)'}`,
      ...variables.map((v) => `${v.key}=${request.includeValues ? dotenvValue(v.value) : ''}`),
    ];
    sources.push({ name: '.env', content: text(`${lines.join('\n')}\n`), compress: true });
  }
  if (notes.length > 0) {
    sources.push({ name: 'EXPORT-NOTES.txt', content: text(`${notes.join('\n')}\n`), compress: true });
  }
  return sources;
}
