/** Tells other processes that an environment's site changed (deploy, delete). */
export interface SiteChanged {
  type: 'site-changed';
  environmentSid: string;
}

export const isSiteChanged = (message: unknown): message is SiteChanged =>
  typeof message === 'object' && message !== null && (message as SiteChanged).type === 'site-changed';
