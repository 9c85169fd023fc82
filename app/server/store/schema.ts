import type { ColumnType, Generated } from 'kysely';
import type { DeploymentClient } from '../../shared/api-schemas.ts';
import type { Visibility } from '../../shared/visibility.ts';

/** Assets and Functions: a named slot whose content lives in immutable versions. */
export type FileKind = 'asset' | 'function';

export type BuildStatus = 'building' | 'completed' | 'failed';

/**
 * The metadata tables, as both engines store them: the one source of the row types (repositories
 * derive theirs with Selectable/Insertable). SQLite orders by its implicit rowid; PostgreSQL has a
 * real `rowid` column (bigserial) for the same use, which no query selects.
 */
export interface Database {
  service_dependencies: {
    service_sid: string;
    /** JSON array of {name, version}. */
    dependencies: string;
    runtime: string;
    date_updated: string;
  };
  services: {
    sid: string;
    unique_name: string;
    friendly_name: string;
    include_credentials: number;
    ui_editable: number;
    domain_base: string;
    date_created: string;
    date_updated: string;
  };
  environments: {
    sid: string;
    service_sid: string;
    unique_name: string;
    domain_suffix: string | null;
    domain_name: string;
    build_sid: string | null;
    date_created: string;
    date_updated: string;
  };
  blobs: {
    sha256: string;
    size: number;
    /** Set (ms) while a writer places this content and has not yet recorded its version. */
    placing_since: ColumnType<number | null, number | null | undefined, number | null>;
  };
  files: {
    sid: string;
    service_sid: string;
    kind: FileKind;
    friendly_name: string;
    latest_version_sid: string | null;
    deleted: number;
    date_created: string;
    date_updated: string;
  };
  versions: {
    sid: string;
    service_sid: string;
    file_sid: string;
    kind: FileKind;
    path: string;
    visibility: Visibility;
    sha256: string;
    size: number;
    content_type: string;
    date_created: string;
    /** 1 when the uploader removed the image's metadata before sending it. */
    metadata_removed: ColumnType<number, number | undefined, number>;
  };
  builds: {
    sid: string;
    service_sid: string;
    status: BuildStatus;
    /** JSON array of {name, version}. */
    dependencies: string;
    runtime: string;
    failure_reason: string | null;
    date_created: string;
    date_updated: string;
    /** The server instance running the build (null: none yet, or an older server). */
    owner: ColumnType<string | null, string | null | undefined, string | null>;
    /** When the owner last said it is still running it (ms since the epoch). */
    heartbeat_at: ColumnType<number | null, number | null | undefined, number | null>;
  };
  build_versions: {
    build_sid: string;
    position: number;
    version_sid: string;
  };
  deployments: {
    sid: string;
    service_sid: string;
    environment_sid: string;
    build_sid: string;
    date_created: string;
    date_updated: string;
    /** Which kind of client created it; null for deployments made before this was recorded. */
    client: ColumnType<DeploymentClient | null, DeploymentClient | null | undefined, DeploymentClient | null>;
  };
  variables: {
    sid: string;
    service_sid: string;
    environment_sid: string;
    key: string;
    value: string;
    date_created: string;
    date_updated: string;
  };
  logs: {
    sid: string;
    service_sid: string;
    environment_sid: string;
    build_sid: string | null;
    deployment_sid: string | null;
    function_sid: string | null;
    request_sid: string;
    level: string;
    message: string;
    date_created: string;
  };
  sessions: {
    token_hash: string;
    csrf_token: string;
    expires_at: number;
  };
  site_changes: {
    seq: Generated<number>;
    environment_sid: string;
    at: number;
  };
}

/** The columns of each table, for selects (never `*`: PostgreSQL's tables carry a rowid column too). */
export const COLUMNS = {
  services: [
    'sid',
    'unique_name',
    'friendly_name',
    'include_credentials',
    'ui_editable',
    'domain_base',
    'date_created',
    'date_updated',
  ],
  environments: [
    'sid',
    'service_sid',
    'unique_name',
    'domain_suffix',
    'domain_name',
    'build_sid',
    'date_created',
    'date_updated',
  ],
  files: [
    'sid',
    'service_sid',
    'kind',
    'friendly_name',
    'latest_version_sid',
    'deleted',
    'date_created',
    'date_updated',
  ],
  versions: [
    'sid',
    'service_sid',
    'file_sid',
    'kind',
    'path',
    'visibility',
    'sha256',
    'size',
    'content_type',
    'date_created',
    'metadata_removed',
  ],
  builds: [
    'sid',
    'service_sid',
    'status',
    'dependencies',
    'runtime',
    'failure_reason',
    'date_created',
    'date_updated',
    'owner',
    'heartbeat_at',
  ],
  deployments: ['sid', 'service_sid', 'environment_sid', 'build_sid', 'date_created', 'date_updated', 'client'],
  variables: ['sid', 'service_sid', 'environment_sid', 'key', 'value', 'date_created', 'date_updated'],
  logs: [
    'sid',
    'service_sid',
    'environment_sid',
    'build_sid',
    'deployment_sid',
    'function_sid',
    'request_sid',
    'level',
    'message',
    'date_created',
  ],
} as const satisfies { [T in keyof Database]?: readonly (keyof Database[T] & string)[] };
