import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { precompress } from './scripts/compress-plugin.ts';

// The server serves dist/ui in production; in `npm run dev` Vite serves the editor and passes /v1
// and /auth to the API server. The Host header is passed as the browser sent it (no changeOrigin):
// the server's CSRF check compares the Origin with it.
const api = { target: process.env.ASSETS_STUDIO_API ?? 'http://127.0.0.1:3000', changeOrigin: false };

export default defineConfig({
  plugins: [react(), precompress()],
  // The main chunk (React, Radix, TanStack, zod) is ~550 kB before gzip; CodeMirror loads on its own.
  build: { outDir: 'dist/ui', emptyOutDir: true, chunkSizeWarningLimit: 700 },
  server: {
    proxy: {
      '/v1': api,
      '/auth': api,
    },
  },
  test: {
    include: ['app/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Starts PostgreSQL when TEST_DATABASE=postgres (the server tests then run against it).
    globalSetup: ['app/server/test-global-setup.ts'],
  },
});
