import { z } from 'zod';

// Builders for Twilio request parameters (form-encoded PascalCase; JSON bodies are held to the
// same rules). Every refusal carries the message the API answers with, so the server's error
// handler only has to pick the first one.

/** "Missing required parameter X in the post body": Twilio's words for an absent parameter. */
export const missing = (name: string) => `Missing required parameter ${name} in the post body`;

/**
 * A parameter that takes one string. Absent, it is missing; repeated (an array, as a form with the
 * key twice parses) it is ambiguous; a JSON number, boolean, object or null is not a string.
 */
export function param(name: string) {
  return z.string({
    error: (issue) =>
      issue.input === undefined
        ? missing(name)
        : Array.isArray(issue.input)
          ? `${name} must be given once`
          : `${name} must be a string`,
  });
}

/** A required parameter: present and not empty. */
export const requiredParam = (name: string) => param(name).min(1, missing(name));

/** A parameter with a length limit in characters. */
export const limitedParam = (name: string, max: number) =>
  param(name).max(max, `${name} must be at most ${max} characters`);

/** Adds the message `problem` returns (null when fine) as the refusal of a string parameter. */
export function checkedBy<T extends z.ZodType<string>>(schema: T, problem: (value: string) => string | null) {
  return schema.superRefine((value, ctx) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  });
}

/** Booleans arrive as the strings "true"/"false" (any case). */
export const boolParam = (name: string) =>
  param(name)
    .refine((v) => /^(true|false)$/i.test(v), `${name} must be true or false`)
    .transform((v) => v.toLowerCase() === 'true');

/** A list parameter (AssetVersions=ZN1&AssetVersions=ZN2): one value or several; empty ones dropped. */
export const listParam = (name: string) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? [value] : value),
    z
      .array(z.string({ error: `${name} must be strings` }), { error: `${name} must be a list of strings` })
      .optional()
      .transform((values) => (values ?? []).filter((v) => v !== '')),
  );

/** An integer query parameter within [min, max]; empty means absent. */
export const intParam = (name: string, min: number, max: number) =>
  param(name)
    .refine((v) => {
      if (v === '') return true;
      const n = Number(v);
      return Number.isInteger(n) && n >= min && n <= max;
    }, `${name} must be an integer from ${min} to ${max}`)
    .transform((v) => (v === '' ? undefined : Number(v)))
    .optional();

/** A form body: its parameters by name. No body, or one that is not an object, has none. */
export const formBody = <Shape extends z.core.$ZodLooseShape>(shape: Shape) =>
  z.preprocess(
    (body) => (body !== null && typeof body === 'object' && !Array.isArray(body) ? body : {}),
    z.object(shape),
  );

/** PageSize 1–1000 (default 50), Page ≥ 0, PageToken ("PT" + offset, as our page URLs carry it). */
export const pageQuery = {
  PageSize: intParam('PageSize', 1, 1000),
  Page: intParam('Page', 0, 1_000_000),
  PageToken: param('PageToken')
    .refine((v) => v === '' || (/^PT\d{1,16}$/.test(v) && Number(v.slice(2)) <= Number.MAX_SAFE_INTEGER), {
      message: 'PageToken is not valid',
    })
    .transform((v) => (v === '' ? undefined : Number(v.slice(2))))
    .optional(),
};

// Four-digit years only: the range where ISO strings still sort as the dates they name.
const ISO_DATE_TIME = /^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?)?$/;

/** An ISO 8601 date-time (years 0000–9999); empty means absent. */
export const dateParam = (name: string) =>
  param(name)
    .refine(
      (v) => v === '' || (ISO_DATE_TIME.test(v) && !Number.isNaN(new Date(v).getTime())),
      `${name} must be an ISO 8601 date-time`,
    )
    .transform((v) => (v === '' ? undefined : new Date(v)))
    .optional();
