import { z } from 'zod';
import { VISIBILITIES } from './visibility.ts';

// Response schemas of the /v1 resources: what the server sends (it serializes every reply through
// them, so a field missing here never reaches a client) and what the editor parses. Extensions to
// Twilio's shapes are listed in docs/api-extensions.md; the conformance test holds both to it.

const sid = z.string();
const url = z.string();
/** ISO 8601, UTC, no milliseconds, as Twilio writes timestamps. */
const timestamp = z.string();

export const serviceSchema = z.object({
  sid,
  account_sid: sid,
  friendly_name: z.string(),
  unique_name: z.string(),
  include_credentials: z.boolean(),
  ui_editable: z.boolean(),
  domain_base: z.string(),
  date_created: timestamp,
  date_updated: timestamp,
  url,
  links: z.object({ environments: url, functions: url, assets: url, builds: url }),
});
export type Service = z.infer<typeof serviceSchema>;

export const environmentSchema = z.object({
  sid,
  account_sid: sid,
  service_sid: sid,
  build_sid: sid.nullable(),
  unique_name: z.string(),
  domain_suffix: z.string().nullable(),
  domain_name: z.string(),
  date_created: timestamp,
  date_updated: timestamp,
  url,
  links: z.object({ variables: url, deployments: url, logs: url }),
});
export type Environment = z.infer<typeof environmentSchema>;

export const visibilitySchema = z.enum(VISIBILITIES);

const versionFields = {
  sid,
  account_sid: sid,
  service_sid: sid,
  path: z.string(),
  visibility: visibilitySchema,
  date_created: timestamp,
  url,
  // Extensions: what the editor needs to show and open a version without another request.
  size: z.number(),
  content_type: z.string(),
  sha256: z.string(),
};

export const assetVersionSchema = z.object({
  ...versionFields,
  asset_sid: sid,
  links: z.object({ asset_version_content: url }),
  // Extension: the uploader removed the image's metadata (GPS, serials, names) before sending it.
  metadata_removed: z.boolean(),
});
export type AssetVersion = z.infer<typeof assetVersionSchema>;

export const functionVersionSchema = z.object({
  ...versionFields,
  function_sid: sid,
  links: z.object({ function_version_content: url }),
});
export type FunctionVersion = z.infer<typeof functionVersionSchema>;

/** Twilio's Function Version Content: the source as text inside JSON. */
export const functionVersionContentSchema = z.object({
  sid,
  account_sid: sid,
  service_sid: sid,
  function_sid: sid,
  content: z.string(),
  url,
});

const fileFields = {
  sid,
  account_sid: sid,
  service_sid: sid,
  friendly_name: z.string(),
  date_created: timestamp,
  date_updated: timestamp,
  url,
};

export const assetSchema = z.object({
  ...fileFields,
  links: z.object({ asset_versions: url }),
  // Extension: the newest version, so one list call shows every asset's state.
  latest_version: assetVersionSchema.nullable(),
});
export type Asset = z.infer<typeof assetSchema>;

export const functionSchema = z.object({
  ...fileFields,
  links: z.object({ function_versions: url }),
  latest_version: functionVersionSchema.nullable(),
});
export type FunctionResource = z.infer<typeof functionSchema>;

export const buildStatusSchema = z.enum(['building', 'completed', 'failed']);

export const dependencySchema = z.object({ name: z.string(), version: z.string() });
export type Dependency = z.infer<typeof dependencySchema>;

/**
 * Extension: the dependency list and runtime a service keeps between deploys, which the editor's
 * Deploy All sends with each build (`date_updated` null: never saved, the defaults).
 */
export const serviceDependenciesSchema = z.object({
  account_sid: sid,
  service_sid: sid,
  dependencies: z.array(dependencySchema),
  runtime: z.string(),
  date_updated: timestamp.nullable(),
  url,
});
export type ServiceDependencies = z.infer<typeof serviceDependenciesSchema>;

/**
 * Extension: the latest version sid of every asset and function of a service (those that have
 * one), in list order: what Deploy All builds, without reading every asset's whole version.
 */
export const latestVersionsSchema = z.object({
  account_sid: sid,
  service_sid: sid,
  asset_versions: z.array(sid),
  function_versions: z.array(sid),
  url,
});
export type LatestVersions = z.infer<typeof latestVersionsSchema>;

// size and sha256 are extensions: a review of two builds tells changed content without more requests.
const embedded = ['sid', 'account_sid', 'service_sid', 'date_created', 'path', 'visibility', 'size', 'sha256'] as const;
const pick = Object.fromEntries(embedded.map((key) => [key, true])) as Record<(typeof embedded)[number], true>;

export const buildSchema = z.object({
  sid,
  account_sid: sid,
  service_sid: sid,
  status: buildStatusSchema,
  asset_versions: z.array(assetVersionSchema.pick({ ...pick, asset_sid: true })),
  function_versions: z.array(functionVersionSchema.pick({ ...pick, function_sid: true })),
  dependencies: z.array(dependencySchema),
  runtime: z.string(),
  date_created: timestamp,
  date_updated: timestamp,
  url,
  links: z.object({ build_status: url }),
  // Extension: why a build failed (which asset, which rule); null otherwise.
  failure_reason: z.string().nullable(),
});
export type Build = z.infer<typeof buildSchema>;

/** The Build Status resource clients poll. */
export const buildStatusResourceSchema = z.object({
  sid,
  account_sid: sid,
  service_sid: sid,
  status: buildStatusSchema,
  url,
  failure_reason: z.string().nullable(),
});

/** Who created a deployment: the editor (a signed-in session), twilio-run, or any other API client. */
export const deploymentClientSchema = z.enum(['editor', 'twilio-run', 'api']);
export type DeploymentClient = z.infer<typeof deploymentClientSchema>;

export const deploymentSchema = z.object({
  sid,
  account_sid: sid,
  service_sid: sid,
  environment_sid: sid,
  build_sid: sid,
  date_created: timestamp,
  date_updated: timestamp,
  url,
  // Extension: which kind of client created it, from its credentials and User-Agent; null if unknown.
  client: deploymentClientSchema.nullable(),
});
export type Deployment = z.infer<typeof deploymentSchema>;

export const variableSchema = z.object({
  sid,
  account_sid: sid,
  service_sid: sid,
  environment_sid: sid,
  key: z.string(),
  value: z.string(),
  date_created: timestamp,
  date_updated: timestamp,
  url,
});
export type Variable = z.infer<typeof variableSchema>;

export const logSchema = z.object({
  sid,
  account_sid: sid,
  service_sid: sid,
  environment_sid: sid,
  build_sid: sid.nullable(),
  deployment_sid: sid.nullable(),
  function_sid: sid.nullable(),
  request_sid: sid,
  level: z.string(),
  message: z.string(),
  date_created: timestamp,
  url,
});
export type Log = z.infer<typeof logSchema>;
/** A Logs entry as the editor's logs pane shows it. */
export type LogEntry = Log;

export const metaSchema = z.object({
  first_page_url: url,
  key: z.string(),
  next_page_url: url.nullable(),
  page: z.number(),
  page_size: z.number(),
  previous_page_url: url.nullable(),
  url,
});
export type Meta = z.infer<typeof metaSchema>;

/** A Twilio list page whose items sit under `key`. */
export function listSchema<K extends string, T extends z.ZodType>(key: K, item: T) {
  return z.object({ [key]: z.array(item), meta: metaSchema } as { [P in K]: z.ZodArray<T> } & {
    meta: typeof metaSchema;
  });
}

export const twilioErrorSchema = z.object({
  code: z.number(),
  message: z.string(),
  more_info: z.string().optional(),
  status: z.number(),
});

export const sessionSchema = z.object({
  account_sid: z.string(),
  csrf_token: z.string(),
  domain_base: z.string().optional(),
});
export type SessionInfo = z.infer<typeof sessionSchema>;
