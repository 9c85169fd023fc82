/** Messages between the server and a function process (over IPC with advanced serialization). */

/** Where getTwilioClient() sends requests: Twilio itself, or another base URL (this server). */
export type TwilioApi = { kind: 'twilio' } | { kind: 'base'; url: string };

export interface InitMessage {
  type: 'init';
  /** Function path → absolute .js file. */
  functions: [string, string][];
  /** Private asset path → absolute file. */
  assets: [string, string][];
}

export interface InvokeMessage {
  type: 'invoke';
  id: string;
  file: string;
  /** Plain values of the context: variables, DOMAIN_NAME, PATH, SERVICE_SID, ENVIRONMENT_SID, credentials. */
  context: Record<string, string>;
  event: Record<string, unknown>;
  twilioApi: TwilioApi;
  /** The request came in over https (cookies set by Twilio.Response get Secure). */
  secure: boolean;
}

export type ToRunner = InitMessage | InvokeMessage;

export interface ResultMessage {
  type: 'result';
  id: string;
  status: number;
  headers: [string, string][];
  body: Uint8Array | string;
  /** Set when the invocation failed: logged at level error. */
  error?: string;
  /** The process should not be reused (an uncaught error left it in an unknown state). */
  fatal?: boolean;
}

export interface LogMessage {
  type: 'log';
  id: string | null;
  level: 'info' | 'warn' | 'error';
  message: string;
}

export type FromRunner = { type: 'ready' } | ResultMessage | LogMessage;
