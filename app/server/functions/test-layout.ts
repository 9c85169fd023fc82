import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildLayout } from './layout.ts';
import type { BuildPool } from './pool.ts';

/**
 * A laid-out build of one function at /hello, written by hand into `root` (what functions/layout.ts
 * makes from a build), for driving a BuildPool without a server (tests, bench/functions.ts).
 */
export function helloLayout(root: string, code: string, nodePath: string[] = []): BuildLayout {
  mkdirSync(join(root, 'functions'), { recursive: true });
  const file = join(root, 'functions', 'hello.js');
  writeFileSync(file, code);
  writeFileSync(join(root, 'package.json'), '{"type":"commonjs"}\n');
  return {
    buildSid: `ZB${'0'.repeat(32)}`,
    root,
    nodePath,
    functions: new Map([
      [
        '/hello',
        { sid: `ZH${'0'.repeat(32)}`, versionSid: `ZN${'0'.repeat(32)}`, path: '/hello', visibility: 'public', file },
      ],
    ]),
    privateAssets: new Map(),
  };
}

/** One invocation of /hello with an empty context and event. */
export function invokeHello(pool: BuildPool, id: string) {
  return pool.invoke(
    {
      id,
      file: pool.layout.functions.get('/hello')!.file,
      context: {},
      event: {},
      twilioApi: { kind: 'twilio' },
      secure: false,
    },
    () => undefined,
  );
}
