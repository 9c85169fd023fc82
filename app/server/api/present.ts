import type {
  Asset,
  AssetVersion,
  Build,
  Dependency,
  Deployment,
  Environment,
  FunctionResource,
  FunctionVersion,
  Log,
  Service,
  Variable,
} from '../../shared/api-schemas.ts';
import type { BuildRow } from '../store/builds-repo.ts';
import type { DeploymentRow, EnvironmentRow } from '../store/environments-repo.ts';
import type { FileRow, VersionRow } from '../store/files-repo.ts';
import type { ServiceRow } from '../store/services-repo.ts';
import type { LogRow, VariableRow } from '../store/variables-repo.ts';

/**
 * Turns stored rows into the response shapes of app/shared/api-schemas.ts (their types are the
 * schemas'), with absolute URLs under `base`.
 */
export function presenters(base: string, accountSid: string) {
  const v1 = `${base}/v1`;
  const serviceUrl = (sid: string) => `${v1}/Services/${sid}`;
  const envUrl = (s: string, e: string) => `${serviceUrl(s)}/Environments/${e}`;
  const fileUrl = (f: FileRow | VersionRow, sid: string) =>
    `${serviceUrl(f.service_sid)}/${f.kind === 'asset' ? 'Assets' : 'Functions'}/${sid}`;
  const versionUrl = (v: VersionRow) => `${fileUrl(v, v.file_sid)}/Versions/${v.sid}`;

  const versionFields = (v: VersionRow) => ({
    sid: v.sid,
    account_sid: accountSid,
    service_sid: v.service_sid,
    path: v.path,
    visibility: v.visibility,
    date_created: v.date_created,
    url: versionUrl(v),
    size: v.size,
    content_type: v.content_type,
    sha256: v.sha256,
  });
  const assetVersion = (v: VersionRow): AssetVersion => ({
    ...versionFields(v),
    asset_sid: v.file_sid,
    links: { asset_version_content: `${versionUrl(v)}/Content` },
    metadata_removed: v.metadata_removed === 1,
  });
  const functionVersion = (v: VersionRow): FunctionVersion => ({
    ...versionFields(v),
    function_sid: v.file_sid,
    links: { function_version_content: `${versionUrl(v)}/Content` },
  });
  const fileFields = (f: FileRow) => ({
    sid: f.sid,
    account_sid: accountSid,
    service_sid: f.service_sid,
    friendly_name: f.friendly_name,
    date_created: f.date_created,
    date_updated: f.date_updated,
    url: fileUrl(f, f.sid),
  });
  const embedded = (v: VersionRow) => ({
    sid: v.sid,
    account_sid: accountSid,
    service_sid: v.service_sid,
    date_created: v.date_created,
    path: v.path,
    visibility: v.visibility,
    // Extensions: what a review of two builds needs to tell changed content without more requests.
    size: v.size,
    sha256: v.sha256,
  });

  return {
    service: (s: ServiceRow): Service => ({
      sid: s.sid,
      account_sid: accountSid,
      friendly_name: s.friendly_name,
      unique_name: s.unique_name,
      include_credentials: s.include_credentials === 1,
      ui_editable: s.ui_editable === 1,
      domain_base: s.domain_base,
      date_created: s.date_created,
      date_updated: s.date_updated,
      url: serviceUrl(s.sid),
      links: {
        environments: `${serviceUrl(s.sid)}/Environments`,
        functions: `${serviceUrl(s.sid)}/Functions`,
        assets: `${serviceUrl(s.sid)}/Assets`,
        builds: `${serviceUrl(s.sid)}/Builds`,
      },
    }),

    environment: (e: EnvironmentRow): Environment => ({
      sid: e.sid,
      account_sid: accountSid,
      service_sid: e.service_sid,
      build_sid: e.build_sid,
      unique_name: e.unique_name,
      domain_suffix: e.domain_suffix,
      domain_name: e.domain_name,
      date_created: e.date_created,
      date_updated: e.date_updated,
      url: envUrl(e.service_sid, e.sid),
      links: {
        variables: `${envUrl(e.service_sid, e.sid)}/Variables`,
        deployments: `${envUrl(e.service_sid, e.sid)}/Deployments`,
        logs: `${envUrl(e.service_sid, e.sid)}/Logs`,
      },
    }),

    asset: (f: FileRow, latest: VersionRow | null): Asset => ({
      ...fileFields(f),
      links: { asset_versions: `${fileUrl(f, f.sid)}/Versions` },
      latest_version: latest ? assetVersion(latest) : null,
    }),

    function: (f: FileRow, latest: VersionRow | null): FunctionResource => ({
      ...fileFields(f),
      links: { function_versions: `${fileUrl(f, f.sid)}/Versions` },
      latest_version: latest ? functionVersion(latest) : null,
    }),

    assetVersion,
    functionVersion,

    build: (b: BuildRow, versions: readonly VersionRow[]): Build => {
      const url = `${serviceUrl(b.service_sid)}/Builds/${b.sid}`;
      return {
        sid: b.sid,
        account_sid: accountSid,
        service_sid: b.service_sid,
        status: b.status,
        asset_versions: versions
          .filter((v) => v.kind === 'asset')
          .map((v) => ({ ...embedded(v), asset_sid: v.file_sid })),
        function_versions: versions
          .filter((v) => v.kind === 'function')
          .map((v) => ({ ...embedded(v), function_sid: v.file_sid })),
        dependencies: JSON.parse(b.dependencies) as Dependency[],
        runtime: b.runtime,
        date_created: b.date_created,
        date_updated: b.date_updated,
        url,
        links: { build_status: `${url}/Status` },
        failure_reason: b.failure_reason,
      };
    },

    buildStatus: (b: BuildRow) => ({
      sid: b.sid,
      account_sid: accountSid,
      service_sid: b.service_sid,
      status: b.status,
      url: `${serviceUrl(b.service_sid)}/Builds/${b.sid}/Status`,
      failure_reason: b.failure_reason,
    }),

    deployment: (d: DeploymentRow): Deployment => ({
      sid: d.sid,
      account_sid: accountSid,
      service_sid: d.service_sid,
      environment_sid: d.environment_sid,
      build_sid: d.build_sid,
      date_created: d.date_created,
      date_updated: d.date_updated,
      url: `${envUrl(d.service_sid, d.environment_sid)}/Deployments/${d.sid}`,
      client: d.client,
    }),

    variable: (v: VariableRow): Variable => ({
      sid: v.sid,
      account_sid: accountSid,
      service_sid: v.service_sid,
      environment_sid: v.environment_sid,
      key: v.key,
      value: v.value,
      date_created: v.date_created,
      date_updated: v.date_updated,
      url: `${envUrl(v.service_sid, v.environment_sid)}/Variables/${v.sid}`,
    }),

    log: (l: LogRow): Log => ({
      sid: l.sid,
      account_sid: accountSid,
      service_sid: l.service_sid,
      environment_sid: l.environment_sid,
      build_sid: l.build_sid,
      deployment_sid: l.deployment_sid,
      function_sid: l.function_sid,
      request_sid: l.request_sid,
      level: l.level,
      message: l.message,
      date_created: l.date_created,
      url: `${envUrl(l.service_sid, l.environment_sid)}/Logs/${l.sid}`,
    }),
  };
}

export type Presenters = ReturnType<typeof presenters>;
