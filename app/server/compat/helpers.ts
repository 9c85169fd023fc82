import { mkdirSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface DomainResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/**
 * GET a path on an environment domain. The request goes to 127.0.0.1:<port> with `Host: <domain>`
 * (node's fetch cannot set Host), which is what a browser resolving *.localhost would send.
 */
export function getFromDomain(
  port: number,
  domainName: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<DomainResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'GET', headers: { ...headers, Host: domainName } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf-8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The preload users put in NODE_OPTIONS to point the Twilio tools at their server. */
export const REDIRECT_PRELOAD = fileURLToPath(new URL('../../../scripts/twilio-redirect.cjs', import.meta.url));

/** Where the repo's node_modules/.bin-less CLI entry of twilio-run is. */
export const TWILIO_RUN_BIN = fileURLToPath(
  new URL('../../../node_modules/twilio-run/bin/twilio-run.js', import.meta.url),
);

/** Public file contents of the toolkit project, by route path, as a deploy should serve them. */
export const PROJECT_FILES = {
  '/style.css': 'body { color: rebeccapurple; }\n',
  '/nested/deeper/file.txt': 'a file two folders down\n',
  '/hold-music.mp3': 'not really audio, but served as audio/mpeg\n',
  '/assets/index.html': '<!doctype html><title>root</title><h1>served at /</h1>\n',
  '/data.json': '{"secret":"protected"}\n',
  '/config.json': '{"secret":"private"}\n',
} as const;

/**
 * Writes a project in the Serverless Toolkit layout: public, .protected. and .private. assets, a
 * nested folder, a name with a space, assets/assets/index.html (served at /), a function, a
 * package.json with dependencies and a .env with variables.
 */
export function writeToolkitProject(dir: string, name: string) {
  const files: Record<string, string> = {
    'package.json': JSON.stringify(
      {
        name,
        version: '1.0.0',
        private: true,
        dependencies: { lodash: '^4.17.21', '@twilio/runtime-handler': '2.1.0' },
      },
      null,
      2,
    ),
    '.env': 'GREETING=ahoy\nFAVOURITE_COLOUR=rebeccapurple\n',
    'functions/hello.js':
      'exports.handler = (context, event, callback) => callback(null, `${context.GREETING} world`);\n',
    'assets/style.css': PROJECT_FILES['/style.css'],
    'assets/nested/deeper/file.txt': PROJECT_FILES['/nested/deeper/file.txt'],
    'assets/hold music.mp3': PROJECT_FILES['/hold-music.mp3'],
    'assets/assets/index.html': PROJECT_FILES['/assets/index.html'],
    'assets/data.protected.json': PROJECT_FILES['/data.json'],
    'assets/config.private.json': PROJECT_FILES['/config.json'],
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}
