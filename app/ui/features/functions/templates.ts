import { urlPathOf } from '../../../shared/paths.ts';
import type { Visibility } from '../../../shared/visibility.ts';

/** What a template needs to know of an asset to use it (an asset's latest version). */
export interface TemplateAsset {
  path: string;
  visibility: Visibility;
  content_type: string;
}

export type TemplateId = 'blank' | 'hello-world' | 'read-private-asset' | 'serve-mp3' | 'send-mms';

interface Template {
  id: TemplateId;
  label: string;
  description: string;
  /** The path offered for the new function. */
  path: string;
  /** Which asset the code uses, and the path written when the service has none yet. */
  uses?: { visibility: Visibility; matches: (asset: TemplateAsset) => boolean; fallback: string; kind: string };
  code: (assetPath: string, scheme: 'http' | 'https') => string;
}

/** A JavaScript string literal (single quotes) for a path. */
const js = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

const mime = (asset: TemplateAsset) => asset.content_type.split(';')[0]!.trim().toLowerCase();

/** The templates of Add+ → New Function, in menu order; the code follows docs FUNCTIONS.md's contract. */
export const TEMPLATES: readonly Template[] = [
  {
    id: 'blank',
    label: 'Blank',
    description: 'A handler that answers an empty JSON object',
    path: '/my-function',
    code: () => `exports.handler = function (context, event, callback) {
  // Answer with callback(null, body): text, an object (JSON), TwiML or a Twilio.Response.
  callback(null, {});
};
`,
  },
  {
    id: 'hello-world',
    label: 'Hello World (TwiML)',
    description: 'Answers a call with TwiML that says “Hello World”',
    path: '/hello-world',
    code: () => `exports.handler = function (context, event, callback) {
  const twiml = new Twilio.twiml.VoiceResponse();
  twiml.say('Hello World');
  callback(null, twiml);
};
`,
  },
  {
    id: 'read-private-asset',
    label: 'Read a private asset',
    description: 'Reads a private asset with Runtime.getAssets() and open()',
    path: '/read-config',
    uses: {
      visibility: 'private',
      kind: 'private .json asset',
      matches: (a) => a.path.toLowerCase().endsWith('.json') || mime(a) === 'application/json',
      fallback: '/config.json',
    },
    code: (path) => {
      const parse = path.toLowerCase().endsWith('.json');
      return `// Private assets are never served by URL: code reads them from the build with Runtime.getAssets().
exports.handler = function (context, event, callback) {
  const asset = Runtime.getAssets()[${js(path)}];
  if (!asset) return callback(new Error(${js(`No private asset at ${path} in the deployed build`)}));
  const text = asset.open();
  callback(null, ${parse ? 'JSON.parse(text)' : 'text'});
};
`;
    },
  },
  {
    id: 'serve-mp3',
    label: 'Serve an mp3 from a private asset',
    description: 'Answers with a private mp3’s bytes in a Twilio.Response',
    path: '/play-audio',
    uses: {
      visibility: 'private',
      kind: 'private .mp3 asset',
      matches: (a) => a.path.toLowerCase().endsWith('.mp3') || mime(a) === 'audio/mpeg',
      fallback: '/ahoy.mp3',
    },
    code: (path) => `const fs = require('fs');

// Binary private assets are read from their file on disk (open() gives text).
exports.handler = function (context, event, callback) {
  const asset = Runtime.getAssets()[${js(path)}];
  if (!asset) return callback(new Error(${js(`No private asset at ${path} in the deployed build`)}));
  const response = new Twilio.Response();
  response.appendHeader('Content-Type', 'audio/mpeg');
  response.setBody(fs.readFileSync(asset.path));
  callback(null, response);
};
`,
  },
  {
    id: 'send-mms',
    label: 'Send an MMS with a protected asset',
    description: 'Sends a protected image as MMS media with the Twilio client',
    path: '/send-mms',
    uses: {
      visibility: 'protected',
      kind: 'protected image',
      matches: (a) => mime(a).startsWith('image/'),
      fallback: '/grumpy.jpg',
    },
    code: (
      path,
      scheme,
    ) => `// Twilio fetches the media URL signed with your Auth Token, so a protected asset works as media.
// Set TWILIO_PHONE_NUMBER (the sender) in the environment's variables; pass the recipient as To.
exports.handler = async function (context, event, callback) {
  const mediaUrl = ${js(`${scheme}://`)} + context.DOMAIN_NAME + ${js(urlPathOf(path))};
  try {
    const message = await context.getTwilioClient().messages.create({
      from: context.TWILIO_PHONE_NUMBER,
      to: event.To,
      body: ${js(`Here is ${path}`)},
      mediaUrl: [mediaUrl],
    });
    callback(null, { sid: message.sid, status: message.status, mediaUrl });
  } catch (error) {
    callback(error);
  }
};
`,
  },
];

export function templateOf(id: TemplateId): Template {
  return TEMPLATES.find((t) => t.id === id) ?? TEMPLATES[0]!;
}

export interface FilledTemplate {
  code: string;
  /** The asset the code uses: one of the service's, or the placeholder path when it has none. */
  asset: { path: string; found: boolean; kind: string } | null;
}

/**
 * A template's code filled with the service's assets: the first asset (by path) of the kind it
 * needs, else a placeholder path the user is told about. `scheme` is the environments' scheme
 * (the editor's own), for URLs the code builds.
 */
export function fillTemplate(
  id: TemplateId,
  assets: readonly TemplateAsset[],
  scheme: 'http' | 'https',
): FilledTemplate {
  const template = templateOf(id);
  const uses = template.uses;
  if (!uses) return { code: template.code('', scheme), asset: null };
  const candidates = assets.filter((a) => a.visibility === uses.visibility && uses.matches(a));
  const first = candidates.map((a) => a.path).sort()[0];
  const path = first ?? uses.fallback;
  return { code: template.code(path, scheme), asset: { path, found: first !== undefined, kind: uses.kind } };
}

/** The template's suggested path, numbered when taken ("/hello-world-2"). */
export function suggestedPath(id: TemplateId, taken: ReadonlySet<string>): string {
  const base = templateOf(id).path;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
