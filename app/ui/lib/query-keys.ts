/** Query key factories for server data, shared by the features that read or invalidate it. */
export const serviceKeys = {
  all: ['services'] as const,
  list: () => [...serviceKeys.all, 'list'] as const,
  detail: (sid: string) => [...serviceKeys.all, 'detail', sid] as const,
};

export const environmentKeys = {
  all: ['environments'] as const,
  list: (serviceSid: string) => [...environmentKeys.all, serviceSid] as const,
};

export const assetKeys = {
  all: ['assets'] as const,
  list: (serviceSid: string) => [...assetKeys.all, serviceSid] as const,
  content: (versionSid: string) => [...assetKeys.all, 'content', versionSid] as const,
};

export const functionKeys = {
  all: ['functions'] as const,
  list: (serviceSid: string) => [...functionKeys.all, serviceSid] as const,
  content: (versionSid: string) => [...functionKeys.all, 'content', versionSid] as const,
};

export const buildKeys = {
  all: ['builds'] as const,
  detail: (serviceSid: string, buildSid: string) => [...buildKeys.all, serviceSid, buildSid] as const,
};

export const logKeys = {
  all: ['logs'] as const,
  list: (serviceSid: string, environmentSid: string) => [...logKeys.all, serviceSid, environmentSid] as const,
};

export const buildStatusKeys = {
  all: ['build-status'] as const,
  detail: (serviceSid: string, buildSid: string) => [...buildStatusKeys.all, serviceSid, buildSid] as const,
};

export const variableKeys = {
  all: ['variables'] as const,
  list: (serviceSid: string, environmentSid: string) => [...variableKeys.all, serviceSid, environmentSid] as const,
};

export const serviceDependencyKeys = {
  all: ['service-dependencies'] as const,
  detail: (serviceSid: string) => [...serviceDependencyKeys.all, serviceSid] as const,
};

/** Function sid → path, for naming the function a log line came from. */
export const functionPathKeys = {
  all: ['function-paths'] as const,
  list: (serviceSid: string) => [...functionPathKeys.all, serviceSid] as const,
};
