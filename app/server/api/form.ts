import { badRequest } from '../errors.ts';

/** A parsed form body: repeated keys become arrays, as clients send Twilio list parameters. */
export type Form = Record<string, string | string[]>;

export function parseForm(body: string): Form {
  const form: Form = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const prev = form[key];
    form[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return form;
}

export function asForm(body: unknown): Form {
  return body && typeof body === 'object' ? (body as Form) : {};
}

/** A single-valued parameter (the last one when repeated). */
export function optionalString(form: Form, key: string): string | undefined {
  const value = form[key];
  return Array.isArray(value) ? value[value.length - 1] : value;
}

export function requiredString(form: Form, key: string): string {
  const value = optionalString(form, key);
  if (value === undefined || value === '') throw badRequest(`Missing required parameter ${key} in the post body`);
  return value;
}

/** Every value of a repeated parameter (AssetVersions=ZN1&AssetVersions=ZN2). */
export function stringList(form: Form, key: string): string[] {
  const value = form[key];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v) => v !== '');
}

/** Booleans arrive as the strings "true"/"false". */
export function optionalBool(form: Form, key: string): boolean | undefined {
  const value = optionalString(form, key);
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw badRequest(`${key} must be true or false`);
}

export function maxLength(key: string, value: string, max: number): string {
  if (value.length > max) throw badRequest(`${key} must be at most ${max} characters`);
  return value;
}
