/** Query keys of the review feature (history, the next Deploy All, variables, file text). */
export const reviewKeys = {
  all: ['review'] as const,
  /** Keyed by the live build too, so a deploy from anywhere makes it a new list. */
  deployments: (serviceSid: string, environmentSid: string, liveBuildSid: string | null) =>
    [...reviewKeys.all, 'deployments', serviceSid, environmentSid, liveBuildSid] as const,
  variables: (serviceSid: string, environmentSid: string) =>
    [...reviewKeys.all, 'variables', serviceSid, environmentSid] as const,
  /** Version contents never change. */
  text: (serviceSid: string, kind: string, fileSid: string, versionSid: string) =>
    [...reviewKeys.all, 'text', serviceSid, kind, fileSid, versionSid] as const,
};
