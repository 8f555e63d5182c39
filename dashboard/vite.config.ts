import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The build goes to target/dist, which Maven packages under META-INF/resources so that the gateway serves it at /.
// `npm run dev` serves the page on :5173 and forwards the API and the live events to a gateway on :8080.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'target/dist',
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/ws': { target: 'ws://localhost:8080', ws: true },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
