import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import pluginQuery from '@tanstack/eslint-plugin-query';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import playwright from 'eslint-plugin-playwright';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// ---- Boundaries: which folder may import what (see STYLE.md "Imports flow one way"). ----
// An ESLint rule's options are replaced, not merged, by a later block matching the same file, so
// every file below gets exactly one `no-restricted-imports` block with all the patterns it needs.

/** Relative imports reaching into a folder named `dir` (e.g. ../../server/x.ts). */
const into = (dir) => String.raw`^\.{1,2}/(?:.*/)?${dir}/`;

const BOUNDARY = {
  uiToServer: {
    regex: into('server'),
    message: 'The editor (app/ui) never imports app/server: share it through app/shared.',
  },
  serverToUi: {
    regex: into('ui'),
    message: 'The server (app/server) never imports app/ui: share it through app/shared.',
  },
  sharedToSides: {
    regex: into('(?:ui|server)'),
    message: 'app/shared is imported by both sides and imports neither.',
  },
  sharedPlatform: {
    group: [
      'node:*',
      'react',
      'react-dom',
      'react/*',
      'react-dom/*',
      'fastify',
      'better-sqlite3',
      'zustand',
      '@tanstack/*',
    ],
    message: 'app/shared is pure TypeScript: no node:*, no React, no server or UI library.',
  },
  react: {
    group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'zustand', '@tanstack/*', '@radix-ui/*', 'react-dropzone'],
    message: 'The server does not use UI libraries.',
  },
  radix: {
    group: ['@radix-ui/*'],
    message: 'Radix is used only through its wrappers in app/ui/components/.',
  },
  dropzone: {
    group: ['react-dropzone'],
    message: 'react-dropzone is used only through useFileDrop (app/ui/features/upload/use-file-drop.ts).',
  },
};

const FEATURES = readdirSync(new URL('./app/ui/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** A feature imports no other feature: the routes (app/ui/routes) compose them. */
const otherFeatures = (feature) => ({
  regex: String.raw`^(?:\.\./)+(?:features/)?(?:${FEATURES.filter((f) => f !== feature).join('|')})/`,
  message: `Features do not import each other's internals: pass it in from the route, or move what both need to app/ui/lib or app/ui/components.`,
});

const restrictImports = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const DROPZONE_WRAPPER = 'app/ui/features/upload/use-file-drop.ts';
const API_CLIENT = 'app/ui/lib/api-client.ts';

const boundaries = [
  {
    files: ['app/shared/**/*.ts'],
    ignores: ['app/shared/**/*.test.ts'],
    rules: {
      ...restrictImports(BOUNDARY.sharedToSides, BOUNDARY.sharedPlatform),
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'fetch', 'XMLHttpRequest', 'process', 'Buffer'].map(
          (name) => ({ name, message: 'app/shared runs on both sides: no DOM, no Node globals.' }),
        ),
      ],
    },
  },
  { files: ['app/server/**/*.ts'], rules: restrictImports(BOUNDARY.serverToUi, BOUNDARY.react) },
  {
    files: ['app/ui/**/*.{ts,tsx}'],
    ignores: ['app/ui/components/**', 'app/ui/features/**'],
    rules: restrictImports(BOUNDARY.uiToServer, BOUNDARY.radix, BOUNDARY.dropzone),
  },
  { files: ['app/ui/components/**/*.{ts,tsx}'], rules: restrictImports(BOUNDARY.uiToServer, BOUNDARY.dropzone) },
  ...FEATURES.map((feature) => ({
    files: [`app/ui/features/${feature}/**/*.{ts,tsx}`],
    ignores: [DROPZONE_WRAPPER],
    rules: restrictImports(BOUNDARY.uiToServer, BOUNDARY.radix, BOUNDARY.dropzone, otherFeatures(feature)),
  })),
  {
    files: [DROPZONE_WRAPPER],
    rules: restrictImports(BOUNDARY.uiToServer, BOUNDARY.radix, otherFeatures('upload')),
  },
  {
    // The editor talks HTTP in one place, which adds the session, CSRF and Twilio error handling.
    files: ['app/ui/**/*.{ts,tsx}'],
    ignores: [API_CLIENT],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['fetch', 'XMLHttpRequest', 'EventSource', 'WebSocket'].map((name) => ({
          name,
          message: `HTTP goes through ${API_CLIENT}.`,
        })),
      ],
      'no-restricted-properties': [
        'error',
        ...['window', 'globalThis', 'self'].map((object) => ({
          object,
          property: 'fetch',
          message: `HTTP goes through ${API_CLIENT}.`,
        })),
      ],
    },
  },
];

export default tseslint.config(
  {
    ignores: [
      'eslint.config.js',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'data/**',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Tests and test clients read loosely typed JSON bodies.
      '@typescript-eslint/no-explicit-any': 'off',
      // Fastify hooks and handlers are async by contract, with or without an await inside.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['app/server/**/*.test.ts', 'app/server/test-*.ts', 'app/server/compat/**', 'bench/**', 'e2e/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['app/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, '@tanstack/query': pluginQuery },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/exhaustive-deps': 'error',
      ...pluginQuery.configs.recommended.rules,
    },
  },
  { files: ['app/ui/**/*.tsx'], ...jsxA11y.flatConfigs.recommended },
  { files: ['e2e/**/*.ts'], ...playwright.configs['flat/recommended'] },
  ...boundaries,
);
