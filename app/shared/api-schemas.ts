import { z } from 'zod';
import { VISIBILITIES } from './visibility.ts';

/** Response schemas of the /v1 resources the editor reads (extra fields are allowed through). */

export const serviceSchema = z.object({
  sid: z.string(),
  unique_name: z.string(),
  friendly_name: z.string(),
  domain_base: z.string(),
  date_created: z.string(),
  date_updated: z.string(),
});
export type Service = z.infer<typeof serviceSchema>;

export const environmentSchema = z.object({
  sid: z.string(),
  service_sid: z.string(),
  build_sid: z.string().nullable(),
  unique_name: z.string(),
  domain_suffix: z.string().nullable(),
  domain_name: z.string(),
  date_created: z.string(),
  date_updated: z.string(),
});
export type Environment = z.infer<typeof environmentSchema>;

export const visibilitySchema = z.enum(VISIBILITIES);

export const assetVersionSchema = z.object({
  sid: z.string(),
  service_sid: z.string(),
  asset_sid: z.string(),
  path: z.string(),
  visibility: visibilitySchema,
  date_created: z.string(),
  size: z.number(),
  content_type: z.string(),
  sha256: z.string(),
  url: z.string(),
});
export type AssetVersion = z.infer<typeof assetVersionSchema>;

export const assetSchema = z.object({
  sid: z.string(),
  service_sid: z.string(),
  friendly_name: z.string(),
  date_created: z.string(),
  date_updated: z.string(),
  url: z.string(),
  latest_version: assetVersionSchema.nullable(),
});
export type Asset = z.infer<typeof assetSchema>;

export const buildStatusSchema = z.enum(['building', 'completed', 'failed']);

export const buildSchema = z.object({
  sid: z.string(),
  service_sid: z.string(),
  status: buildStatusSchema,
  asset_versions: z.array(z.object({ sid: z.string(), path: z.string(), visibility: visibilitySchema })),
  function_versions: z.array(z.object({ sid: z.string(), path: z.string(), visibility: visibilitySchema })),
  date_created: z.string(),
  failure_reason: z.string().nullable(),
});
export type Build = z.infer<typeof buildSchema>;

export const deploymentSchema = z.object({
  sid: z.string(),
  environment_sid: z.string(),
  build_sid: z.string(),
  date_created: z.string(),
});
export type Deployment = z.infer<typeof deploymentSchema>;

export const metaSchema = z.object({
  key: z.string(),
  next_page_url: z.string().nullable(),
  page: z.number(),
  page_size: z.number(),
});

/** A Twilio list page whose items sit under `key`. */
export function listSchema<T extends z.ZodType>(key: string, item: T) {
  return z.object({ [key]: z.array(item), meta: metaSchema }) as unknown as z.ZodType<
    {
      meta: z.infer<typeof metaSchema>;
    } & Record<string, z.infer<T>[]>
  >;
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

export const logSchema = z.object({
  sid: z.string(),
  environment_sid: z.string(),
  build_sid: z.string().nullable(),
  deployment_sid: z.string().nullable(),
  function_sid: z.string().nullable(),
  level: z.string(),
  message: z.string(),
  date_created: z.string(),
});
export type LogEntry = z.infer<typeof logSchema>;
