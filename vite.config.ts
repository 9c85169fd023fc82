import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The server serves dist/ui in production; `npm run dev` proxies the API to a running server.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist/ui', emptyOutDir: true },
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
