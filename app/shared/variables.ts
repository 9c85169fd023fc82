// The rules an Environment Variable is held to, by the editor before it sends one and by the API.

/** Longest key, in characters (Twilio's limit). */
export const MAX_VARIABLE_KEY = 128;
/** Largest value, in UTF-8 bytes (Twilio's limit). */
export const MAX_VARIABLE_VALUE_BYTES = 450;

// (choice) Keys are identifiers, as in a .env file and as `context.KEY` reads them.
const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why `key` cannot name a variable, or null. */
export function variableKeyProblem(key: string): string | null {
  if (key === '') return 'Key must not be empty';
  if (key.length > MAX_VARIABLE_KEY) return `Key must be at most ${MAX_VARIABLE_KEY} characters`;
  if (!KEY.test(key)) {
    return 'Key must start with a letter or _ and hold only letters, digits and _ (e.g. API_KEY)';
  }
  return null;
}

/** UTF-8 length of a value. */
export const valueBytes = (value: string) => new TextEncoder().encode(value).length;

/** Why `value` cannot be a variable's value, or null. */
export function variableValueProblem(value: string): string | null {
  const bytes = valueBytes(value);
  return bytes > MAX_VARIABLE_VALUE_BYTES
    ? `Value must be at most ${MAX_VARIABLE_VALUE_BYTES} bytes (this one is ${bytes})`
    : null;
}
