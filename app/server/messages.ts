/**
 * Messages between the processes of one instance (cluster primary ⇄ workers) about what the
 * environments serve. A process that changed an environment says so (`site-changed`, with an id of
 * its own); the primary passes it to every other process, each applies the change and answers
 * `site-applied`; once all have (or after SITE_SYNC_TIMEOUT_MS) the primary tells the first one
 * `site-synced`. The deploy that made the change answers its client only then, so that a request
 * sent after the answer gets the new build from whichever process takes it.
 */
export interface SiteChanged {
  type: 'site-changed';
  environmentSid: string;
  /** Chosen by the process that made the change; echoed in `site-synced`. */
  id: number;
  /** Set by the primary when it passes the message on: the cluster id of the process that made it. */
  origin?: number;
}

export interface SiteApplied {
  type: 'site-applied';
  id: number;
  origin: number;
}

export interface SiteSynced {
  type: 'site-synced';
  id: number;
}

/** How long a change waits for the other processes before its deploy answers anyway. */
export const SITE_SYNC_TIMEOUT_MS = 2000;

const ofType =
  <T extends { type: string }>(type: T['type']) =>
  (message: unknown): message is T =>
    typeof message === 'object' && message !== null && (message as T).type === type;

export const isSiteChanged = ofType<SiteChanged>('site-changed');
export const isSiteApplied = ofType<SiteApplied>('site-applied');
export const isSiteSynced = ofType<SiteSynced>('site-synced');
