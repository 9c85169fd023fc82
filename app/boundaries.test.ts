import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The repo's own eslint.config.js, without type information (the snippets are not files on disk).
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: [tseslint.configs.disableTypeChecked],
});

/** The ids of the rules a snippet at `filePath` breaks. */
async function broken(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('lint boundaries (eslint.config.js) fail on a deliberate violation', () => {
  it.each([
    ['the editor imports the server', 'app/ui/lib/x.ts', "import { deploy } from '../../server/builds/deploy.ts';"],
    ['the server imports the editor', 'app/server/api/x.ts', "import { api } from '../../ui/lib/api-client.ts';"],
    ['shared imports the server', 'app/shared/x.ts', "import type { Ctx } from '../server/context.ts';"],
    ['shared imports the editor', 'app/shared/x.ts', "import { api } from '../ui/lib/api-client.ts';"],
    ['shared imports node:*', 'app/shared/x.ts', "import { readFileSync } from 'node:fs';"],
    [
      "a feature imports another feature's internals",
      'app/ui/features/deploy/components/x.tsx',
      "import { useEditorStore } from '../../editor/editor-store.ts';",
    ],
    ['Radix outside app/ui/components', 'app/ui/features/editor/x.tsx', "import * as D from '@radix-ui/react-dialog';"],
    ['react-dropzone outside its wrapper', 'app/ui/features/upload/components/x.tsx', "import 'react-dropzone';"],
  ])('%s', async (_name, filePath, code) => {
    expect(await broken(filePath, code)).toContain('no-restricted-imports');
  });

  it.each([
    ['fetch', "export const get = () => fetch('/v1/Services');"],
    ['window.fetch', "export const get = () => window.fetch('/v1/Services');"],
    ['XMLHttpRequest', 'export const xhr = () => new XMLHttpRequest();'],
  ])('%s outside the API client', async (_name, code) => {
    const rules = await broken('app/ui/features/deploy/x.ts', code);
    expect(rules.some((r) => r === 'no-restricted-globals' || r === 'no-restricted-properties')).toBe(true);
  });

  it('shared uses no DOM global', async () => {
    expect(await broken('app/shared/x.ts', 'export const w = () => window.innerWidth;')).toContain(
      'no-restricted-globals',
    );
  });

  it('allows what the boundaries allow', async () => {
    const allowed: [string, string][] = [
      ['app/ui/components/x.tsx', "import * as D from '@radix-ui/react-dialog';\nexport { D };"],
      [
        'app/ui/features/upload/use-file-drop.ts',
        "import { useDropzone } from 'react-dropzone';\nexport { useDropzone };",
      ],
      ['app/ui/lib/api-client.ts', "export const get = () => fetch('/v1/Services');"],
      [
        'app/ui/routes/x.tsx',
        "import { LogsPane } from '../features/logs/components/logs-pane.tsx';\nexport { LogsPane };",
      ],
      ['app/ui/features/deploy/x.ts', "import { api } from '../../lib/api-client.ts';\nexport { api };"],
      ['app/server/api/x.ts', "import { LIMITS } from '../../shared/visibility.ts';\nexport { LIMITS };"],
    ];
    for (const [filePath, code] of allowed) expect(await broken(filePath, code), filePath).toEqual([]);
  });
});
