import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The server serves dist/ui in production; `npm run dev` proxies the API to a running server.
export default defineConfig({
  plugins: [react()],
  // The main chunk (React, Radix, TanStack, zod) is ~550 kB before gzip; CodeMirror loads on its own.
  build: { outDir: 'dist/ui', emptyOutDir: true, chunkSizeWarningLimit: 700 },
  server: {
    proxy: {
      '/v1': 'http://127.0.0.1:3000',
      '/auth': 'http://127.0.0.1:3000',
    },
  },
  test: {
    include: ['app/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
