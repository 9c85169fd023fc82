import type { z } from 'zod';
import { listSchema, sessionSchema, twilioErrorSchema, type Meta, type SessionInfo } from '../../shared/api-schemas.ts';

/** An error answer from the server, with the Twilio code and the message to show. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | null,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

/** Remembers the session's CSRF token, sent on every state-changing request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

async function errorFrom(response: Response): Promise<ApiRequestError> {
  const body: unknown = await response.json().catch(() => null);
  const parsed = twilioErrorSchema.safeParse(body);
  if (parsed.success && response.status < 500)
    return new ApiRequestError(response.status, parsed.data.code, parsed.data.message);
  return new ApiRequestError(
    response.status,
    parsed.success ? parsed.data.code : null,
    response.status >= 500 ? 'The server had a problem; please try again.' : `Request failed (${response.status})`,
  );
}

type Params = Record<string, string | number | boolean | string[] | undefined>;

function formBody(params: Params): URLSearchParams {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, String(v));
  }
  return body;
}

/** The one place the editor talks HTTP: same-origin, session cookie, CSRF header, Twilio errors. */
async function request(method: string, path: string, init: { form?: Params; json?: unknown } = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let body: BodyInit | undefined;
  if (init.form) body = formBody(init.form);
  if (init.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  const response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  if (!response.ok) throw await errorFrom(response);
  return response;
}

export const api = {
  async get<T extends z.ZodType>(path: string, schema: T, query?: Params): Promise<z.infer<T>> {
    const url = query ? `${path}?${formBody(query)}` : path;
    return schema.parse(await (await request('GET', url)).json());
  },
  async post<T extends z.ZodType>(path: string, schema: T, form: Params = {}): Promise<z.infer<T>> {
    return schema.parse(await (await request('POST', path, { form })).json());
  },
  async delete(path: string): Promise<void> {
    await request('DELETE', path);
  },
  /**
   * Every item of a Twilio list (the items under `key` on each page), following next_page_url.
   * Page URLs are absolute on the server's origin; the editor requests them same-origin.
   */
  async list<K extends string, T extends z.ZodType>(
    path: string,
    key: K,
    item: T,
    query?: Params,
  ): Promise<z.infer<T>[]> {
    const pageSchema = listSchema(key, item);
    const items: z.infer<T>[] = [];
    let next: string | null = query ? `${path}?${formBody(query)}` : path;
    while (next) {
      const page = pageSchema.parse(await (await request('GET', next)).json()) as { meta: Meta } & Record<
        K,
        z.infer<T>[] | undefined
      >;
      items.push(...(page[key] ?? []));
      const url = page.meta.next_page_url ? new URL(page.meta.next_page_url, window.location.origin) : null;
      next = url ? `${url.pathname}${url.search}` : null;
    }
    return items;
  },
  /** Raw bytes of a resource (asset version content). */
  async blob(path: string): Promise<Blob> {
    return (await request('GET', path)).blob();
  },
};

export const auth = {
  /** The signed-in session, or null when signed out. */
  async session(): Promise<SessionInfo | null> {
    const response = await fetch('/auth/session', { credentials: 'same-origin' });
    if (response.status === 401) return null;
    if (!response.ok) throw await errorFrom(response);
    const session = sessionSchema.parse(await response.json());
    setCsrfToken(session.csrf_token);
    return session;
  },
  async signIn(accountSid: string, authToken: string): Promise<SessionInfo> {
    const session = sessionSchema.parse(
      await (await request('POST', '/auth/session', { json: { accountSid, authToken } })).json(),
    );
    setCsrfToken(session.csrf_token);
    return session;
  },
  async signOut(): Promise<void> {
    await request('DELETE', '/auth/session');
    setCsrfToken(null);
  },
};

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * Creates an asset version by a streamed multipart POST (the browser streams the File from disk),
 * reporting progress. XHR because fetch has no upload progress. Abort with the signal.
 */
export function uploadVersion<T extends z.ZodType>(
  path: string,
  fields: { Path: string; Visibility: string; MetadataRemoved?: boolean; Content: Blob; filename: string },
  schema: T,
  onProgress: (progress: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<z.infer<T>> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('Path', fields.Path);
    form.append('Visibility', fields.Visibility);
    if (fields.MetadataRemoved) form.append('MetadataRemoved', 'true');
    form.append('Content', fields.Content, fields.filename);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.total });
    xhr.onload = () => {
      const text = xhr.responseText;
      let body: unknown = null;
      try {
        body = JSON.parse(text);
      } catch {
        // handled below
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(schema.parse(body));
        return;
      }
      const parsed = twilioErrorSchema.safeParse(body);
      reject(
        new ApiRequestError(
          xhr.status,
          parsed.success ? parsed.data.code : null,
          parsed.success && xhr.status < 500 ? parsed.data.message : `Upload failed (${xhr.status})`,
        ),
      );
    };
    xhr.onerror = () => reject(new ApiRequestError(0, null, 'Network error: the upload did not reach the server'));
    xhr.onabort = () => reject(new ApiRequestError(0, null, 'Upload cancelled'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}
