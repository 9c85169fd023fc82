import { z } from 'zod';
import {
  boolParam,
  checkedBy,
  dateParam,
  formBody,
  limitedParam,
  listParam,
  missing,
  pageQuery,
  param,
  requiredParam,
} from './api-params.ts';
import {
  assetSchema,
  assetVersionSchema,
  buildSchema,
  buildStatusResourceSchema,
  deploymentSchema,
  environmentSchema,
  functionSchema,
  functionVersionContentSchema,
  functionVersionSchema,
  latestVersionsSchema,
  listSchema,
  logSchema,
  serviceDependenciesSchema,
  serviceSchema,
  variableSchema,
  type Dependency,
} from './api-schemas.ts';
import { parseDependencies, RUNTIMES } from './builds.ts';
import {
  parametersProblem,
  SIGNED_REQUEST_METHODS,
  signedRequestSchema,
  type ParamPair,
  type SignedRequestMethod,
} from './signed-request.ts';
import { dependencyListProblem } from './dependencies.ts';
import { domainSuffixProblem, uniqueNameProblem } from './names.ts';
import { normalizePath, pathProblem } from './paths.ts';
import { isSid, SID_PREFIX } from './sids.ts';
import { variableKeyProblem, variableValueProblem } from './variables.ts';
import { parseVisibility, type Visibility } from './visibility.ts';

// Every /v1 endpoint, declared once: method, URL (Fastify's `:Param` syntax) and the zod schemas of
// its params, query, body and responses. The server registers its routes from these (validation
// and handler types), the editor parses with the response schemas, and the conformance test checks
// them against Twilio's OpenAPI description.

/** Method, URL and schemas of one endpoint. */
export interface Endpoint {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  schema: {
    params?: z.ZodType;
    querystring?: z.ZodType;
    body?: z.ZodType;
    response?: Record<number, z.ZodType>;
  };
}

const sidParam = z.string();
const services = '/v1/Services';
const serviceParams = z.object({ ServiceSid: sidParam });
const itemParams = serviceParams.extend({ Sid: sidParam });
const environments = `${services}/:ServiceSid/Environments`;
const envParams = serviceParams.extend({ EnvironmentSid: sidParam });
const envItemParams = envParams.extend({ Sid: sidParam });

const friendlyName = limitedParam('FriendlyName', 255);

export const serviceEndpoints = {
  list: {
    method: 'GET',
    url: services,
    schema: { querystring: z.object(pageQuery), response: { 200: listSchema('services', serviceSchema) } },
  },
  create: {
    method: 'POST',
    url: services,
    schema: {
      body: formBody({
        UniqueName: checkedBy(requiredParam('UniqueName'), uniqueNameProblem),
        FriendlyName: friendlyName.min(1, missing('FriendlyName')),
        IncludeCredentials: boolParam('IncludeCredentials').optional(),
        UiEditable: boolParam('UiEditable').optional(),
      }),
      response: { 201: serviceSchema },
    },
  },
  fetch: {
    method: 'GET',
    url: `${services}/:Sid`,
    schema: { params: z.object({ Sid: sidParam }), response: { 200: serviceSchema } },
  },
  update: {
    method: 'POST',
    url: `${services}/:Sid`,
    schema: {
      params: z.object({ Sid: sidParam }),
      body: formBody({
        FriendlyName: friendlyName.optional(),
        IncludeCredentials: boolParam('IncludeCredentials').optional(),
        UiEditable: boolParam('UiEditable').optional(),
      }),
      response: { 200: serviceSchema },
    },
  },
  remove: { method: 'DELETE', url: `${services}/:Sid`, schema: { params: z.object({ Sid: sidParam }) } },
} as const satisfies Record<string, Endpoint>;

export const environmentEndpoints = {
  list: {
    method: 'GET',
    url: environments,
    schema: {
      params: serviceParams,
      querystring: z.object(pageQuery),
      response: { 200: listSchema('environments', environmentSchema) },
    },
  },
  create: {
    method: 'POST',
    url: environments,
    schema: {
      params: serviceParams,
      body: formBody({
        UniqueName: limitedParam('UniqueName', 100).min(1, missing('UniqueName')),
        DomainSuffix: checkedBy(param('DomainSuffix'), (v) => (v === '' ? null : domainSuffixProblem(v))).optional(),
      }),
      response: { 201: environmentSchema },
    },
  },
  fetch: {
    method: 'GET',
    url: `${environments}/:Sid`,
    schema: { params: itemParams, response: { 200: environmentSchema } },
  },
  remove: { method: 'DELETE', url: `${environments}/:Sid`, schema: { params: itemParams } },
} as const satisfies Record<string, Endpoint>;

const deployments = `${environments}/:EnvironmentSid/Deployments`;
export const deploymentEndpoints = {
  list: {
    method: 'GET',
    url: deployments,
    schema: {
      params: envParams,
      querystring: z.object(pageQuery),
      response: { 200: listSchema('deployments', deploymentSchema) },
    },
  },
  create: {
    method: 'POST',
    url: deployments,
    schema: {
      params: envParams,
      // Absent or empty, Twilio answers 409 "already has requested deployment" (the handler does).
      body: formBody({
        BuildSid: checkedBy(param('BuildSid'), (v) =>
          v === '' || isSid(v, SID_PREFIX.build) ? null : 'BuildSid must be a Build sid (ZB…)',
        ).optional(),
      }),
      response: { 201: deploymentSchema },
    },
  },
  fetch: {
    method: 'GET',
    url: `${deployments}/:Sid`,
    schema: { params: envItemParams, response: { 200: deploymentSchema } },
  },
} as const satisfies Record<string, Endpoint>;

const variableKey = checkedBy(param('Key'), variableKeyProblem);
const variableValue = checkedBy(param('Value'), variableValueProblem);
const variables = `${environments}/:EnvironmentSid/Variables`;
export const variableEndpoints = {
  list: {
    method: 'GET',
    url: variables,
    schema: {
      params: envParams,
      querystring: z.object(pageQuery),
      response: { 200: listSchema('variables', variableSchema) },
    },
  },
  create: {
    method: 'POST',
    url: variables,
    schema: {
      params: envParams,
      body: formBody({ Key: checkedBy(requiredParam('Key'), variableKeyProblem), Value: variableValue }),
      response: { 201: variableSchema },
    },
  },
  fetch: {
    method: 'GET',
    url: `${variables}/:Sid`,
    schema: { params: envItemParams, response: { 200: variableSchema } },
  },
  update: {
    method: 'POST',
    url: `${variables}/:Sid`,
    schema: {
      params: envItemParams,
      body: formBody({ Key: variableKey.optional(), Value: variableValue.optional() }),
      response: { 200: variableSchema },
    },
  },
  remove: { method: 'DELETE', url: `${variables}/:Sid`, schema: { params: envItemParams } },
} as const satisfies Record<string, Endpoint>;

const logs = `${environments}/:EnvironmentSid/Logs`;
export const logEndpoints = {
  list: {
    method: 'GET',
    url: logs,
    schema: {
      params: envParams,
      querystring: z.object({
        ...pageQuery,
        FunctionSid: checkedBy(param('FunctionSid'), (v) =>
          v === '' || isSid(v, SID_PREFIX.function) ? null : 'FunctionSid must be a Function sid (ZH…)',
        ).optional(),
        StartDate: dateParam('StartDate'),
        EndDate: dateParam('EndDate'),
      }),
      response: { 200: listSchema('logs', logSchema) },
    },
  },
  fetch: { method: 'GET', url: `${logs}/:Sid`, schema: { params: envItemParams, response: { 200: logSchema } } },
} as const satisfies Record<string, Endpoint>;

const pathParam = param('Path')
  .min(1, missing('Path'))
  .transform(normalizePath)
  .superRefine((path, ctx) => {
    const problem = pathProblem(path);
    if (problem) ctx.addIssue({ code: 'custom', message: `${problem}: ${JSON.stringify(path)}` });
  });
const visibilityParam = param('Visibility')
  .refine((v) => parseVisibility(v) !== null, 'Visibility must be one of public, protected, private')
  .transform((v) => parseVisibility(v) as Visibility);

/** The fields of a multipart version upload besides Content (read by the server as they stream in). */
export const versionUploadFields = z.object({
  Path: pathParam,
  Visibility: visibilityParam,
  // Extension: the editor removed the image's metadata before sending it (shown in its details).
  MetadataRemoved: boolParam('MetadataRemoved').optional(),
});

/** The endpoints of Assets or Functions, which differ only in names and response schemas. */
function fileEndpoints<
  Collection extends string,
  ListKey extends string,
  VersionsKey extends string,
  File extends z.ZodType,
  Version extends z.ZodType,
>(collection: Collection, listKey: ListKey, versionsKey: VersionsKey, file: File, version: Version) {
  const base = `${services}/:ServiceSid/${collection}` as const;
  const versions = `${base}/:FileSid/Versions` as const;
  const fileParams = serviceParams.extend({ FileSid: sidParam });
  const versionParams = fileParams.extend({ Sid: sidParam });
  const nameBody = formBody({ FriendlyName: friendlyName.min(1, missing('FriendlyName')) });
  return {
    list: {
      method: 'GET',
      url: base,
      schema: { params: serviceParams, querystring: z.object(pageQuery), response: { 200: listSchema(listKey, file) } },
    },
    create: { method: 'POST', url: base, schema: { params: serviceParams, body: nameBody, response: { 201: file } } },
    fetch: { method: 'GET', url: `${base}/:Sid`, schema: { params: itemParams, response: { 200: file } } },
    update: {
      method: 'POST',
      url: `${base}/:Sid`,
      schema: { params: itemParams, body: nameBody, response: { 200: file } },
    },
    remove: { method: 'DELETE', url: `${base}/:Sid`, schema: { params: itemParams } },
    listVersions: {
      method: 'GET',
      url: versions,
      schema: {
        params: fileParams,
        querystring: z.object(pageQuery),
        response: { 200: listSchema(versionsKey, version) },
      },
    },
    // Multipart (Path, Visibility, Content: the server streams it, see versionUploadFields), or
    // form-encoded with SourceVersionSid to copy another version's bytes (an extension).
    createVersion: {
      method: 'POST',
      url: versions,
      schema: {
        params: fileParams,
        body: z
          .object(
            { SourceVersionSid: requiredParam('SourceVersionSid'), Path: pathParam, Visibility: visibilityParam },
            { error: 'Versions are created with a multipart/form-data body (Path, Visibility, Content)' },
          )
          .nullish(),
        response: { 201: version },
      },
    },
    fetchVersion: {
      method: 'GET',
      url: `${versions}/:Sid`,
      schema: { params: versionParams, response: { 200: version } },
    },
  } as const satisfies Record<string, Endpoint>;
}

export const assetEndpoints = {
  ...fileEndpoints('Assets', 'assets', 'asset_versions', assetSchema, assetVersionSchema),
  /** Extension: the raw bytes of a version, as a sandboxed attachment. */
  versionContent: {
    method: 'GET',
    url: `${services}/:ServiceSid/Assets/:FileSid/Versions/:Sid/Content`,
    schema: { params: serviceParams.extend({ FileSid: sidParam, Sid: sidParam }) },
  },
} as const satisfies Record<string, Endpoint>;

export const functionEndpoints = {
  ...fileEndpoints('Functions', 'functions', 'function_versions', functionSchema, functionVersionSchema),
  versionContent: {
    method: 'GET',
    url: `${services}/:ServiceSid/Functions/:FileSid/Versions/:Sid/Content`,
    schema: {
      params: serviceParams.extend({ FileSid: sidParam, Sid: sidParam }),
      response: { 200: functionVersionContentSchema },
    },
  },
} as const satisfies Record<string, Endpoint>;

const runtimeParam = checkedBy(param('Runtime'), (v) =>
  v === '' || RUNTIMES.includes(v) ? null : `Runtime must be one of ${RUNTIMES.join(', ')}`,
);

const builds = `${services}/:ServiceSid/Builds`;
const versionSids = (name: string) =>
  listParam(name).superRefine((sids, ctx) => {
    const bad = sids.find((s) => !isSid(s, SID_PREFIX.version));
    if (bad !== undefined) ctx.addIssue({ code: 'custom', message: `${bad} is not a version sid (ZN…)` });
  });
export const buildEndpoints = {
  list: {
    method: 'GET',
    url: builds,
    schema: {
      params: serviceParams,
      querystring: z.object(pageQuery),
      response: { 200: listSchema('builds', buildSchema) },
    },
  },
  create: {
    method: 'POST',
    url: builds,
    schema: {
      params: serviceParams,
      body: formBody({
        AssetVersions: versionSids('AssetVersions'),
        FunctionVersions: versionSids('FunctionVersions'),
        Dependencies: param('Dependencies')
          .transform((raw, ctx) => {
            const parsed = parseDependencies(raw);
            if (typeof parsed === 'string') {
              ctx.issues.push({ code: 'custom', message: parsed, input: raw });
              return z.NEVER;
            }
            return parsed;
          })
          .optional(),
        Runtime: runtimeParam.optional(),
      }).refine(
        (body) => body.AssetVersions.length + body.FunctionVersions.length > 0,
        'At least one Function Version or Asset Version is required for Build.',
      ),
      response: { 201: buildSchema },
    },
  },
  fetch: { method: 'GET', url: `${builds}/:Sid`, schema: { params: itemParams, response: { 200: buildSchema } } },
  status: {
    method: 'GET',
    url: `${builds}/:Sid/Status`,
    schema: { params: itemParams, response: { 200: buildStatusResourceSchema } },
  },
  remove: { method: 'DELETE', url: `${builds}/:Sid`, schema: { params: itemParams } },
} as const satisfies Record<string, Endpoint>;

/** Extension: "Request as Twilio" — the server signs a request to an environment of the service and reports both answers. */
export const signedRequestEndpoints = {
  create: {
    method: 'POST',
    url: `${services}/:ServiceSid/SignedRequests`,
    schema: {
      params: serviceParams,
      body: formBody({
        Url: requiredParam('Url').max(4096, 'Url must be at most 4096 characters'),
        Method: checkedBy(param('Method'), (v) =>
          (SIGNED_REQUEST_METHODS as readonly string[]).includes(v) ? null : 'Method must be GET or POST',
        )
          .transform((v) => v as SignedRequestMethod)
          .optional(),
        Parameters: param('Parameters')
          .transform((raw, ctx): ParamPair[] => {
            let value: unknown;
            try {
              value = raw === '' ? [] : JSON.parse(raw);
            } catch {
              value = undefined;
            }
            const problem = parametersProblem(value);
            if (problem) {
              ctx.issues.push({ code: 'custom', message: problem, input: raw });
              return z.NEVER;
            }
            return value as ParamPair[];
          })
          .optional(),
      }),
      response: { 200: signedRequestSchema },
    },
  },
} as const satisfies Record<string, Endpoint>;

/** Extension: the dependency list and runtime a service keeps between deploys. */
export const serviceDependencyEndpoints = {
  fetch: {
    method: 'GET',
    url: `${services}/:ServiceSid/Dependencies`,
    schema: { params: serviceParams, response: { 200: serviceDependenciesSchema } },
  },
  update: {
    method: 'POST',
    url: `${services}/:ServiceSid/Dependencies`,
    schema: {
      params: serviceParams,
      body: formBody({
        Dependencies: param('Dependencies')
          .transform((raw, ctx) => {
            const parsed = parseDependencies(raw);
            const problem = typeof parsed === 'string' ? parsed : dependencyListProblem(parsed);
            if (problem !== null) {
              const message = /^Dependenc/.test(problem) ? problem : `Dependencies: ${problem}`;
              ctx.issues.push({ code: 'custom', message, input: raw });
              return z.NEVER;
            }
            return parsed as Dependency[];
          })
          .optional(),
        Runtime: runtimeParam.optional(),
      }),
      response: { 200: serviceDependenciesSchema },
    },
  },
} as const satisfies Record<string, Endpoint>;

/** Extension: the latest version sids of a service's assets and functions (what Deploy All builds). */
export const latestVersionEndpoints = {
  fetch: {
    method: 'GET',
    url: `${services}/:ServiceSid/LatestVersions`,
    schema: { params: serviceParams, response: { 200: latestVersionsSchema } },
  },
} as const satisfies Record<string, Endpoint>;

const exportQuery = {
  // Extension: variable values go into .env only when asked for; otherwise the keys alone.
  IncludeValues: boolParam('IncludeValues').optional(),
};

/** Extension: a Serverless Toolkit project (zip) of a service's latest files or of what an environment serves. */
export const toolkitEndpoints = {
  exportService: {
    method: 'GET',
    url: `${services}/:ServiceSid/Export`,
    schema: {
      params: serviceParams,
      // EnvironmentSid: whose variables go into .env (none without it).
      querystring: z.object({ ...exportQuery, EnvironmentSid: param('EnvironmentSid').optional() }),
    },
  },
  exportEnvironment: {
    method: 'GET',
    url: `${environments}/:EnvironmentSid/Export`,
    schema: { params: envParams, querystring: z.object(exportQuery) },
  },
} as const satisfies Record<string, Endpoint>;

/** Every /v1 endpoint, by resource. */
export const endpoints = {
  services: serviceEndpoints,
  environments: environmentEndpoints,
  deployments: deploymentEndpoints,
  variables: variableEndpoints,
  logs: logEndpoints,
  assets: assetEndpoints,
  functions: functionEndpoints,
  builds: buildEndpoints,
  signedRequests: signedRequestEndpoints,
  serviceDependencies: serviceDependencyEndpoints,
  latestVersions: latestVersionEndpoints,
  toolkit: toolkitEndpoints,
};
