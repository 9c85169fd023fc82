/** A parsed form body: repeated keys become arrays, as clients send Twilio list parameters. */
export type Form = Record<string, string | string[]>;

export function parseForm(body: string): Form {
  const form: Form = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const prev = form[key];
    // Appended in place: a build lists its 1000 versions under one key (copying made it quadratic).
    if (prev === undefined) form[key] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else form[key] = [prev, value];
  }
  return form;
}
