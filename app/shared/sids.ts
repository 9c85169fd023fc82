/** Two-letter prefixes of every sid the API hands out (Twilio's, so clients recognise them). */
export const SID_PREFIX = {
  account: 'AC',
  service: 'ZS',
  environment: 'ZE',
  asset: 'ZH',
  function: 'ZH',
  version: 'ZN',
  build: 'ZB',
  deployment: 'ZD',
  variable: 'ZV',
  log: 'NO',
  request: 'RQ',
} as const;

export type SidKind = keyof typeof SID_PREFIX;

/** True when `value` is a well-formed sid with the given prefix: two letters and 32 hex digits. */
export function isSid(value: string, prefix: string): boolean {
  return value.length === 34 && value.startsWith(prefix) && /^[0-9a-fA-F]{32}$/.test(value.slice(2));
}
