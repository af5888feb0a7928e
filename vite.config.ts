import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The web front end: a React SPA in src/web, built to dist/web and served by the server. */
export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    // the server sends a strict CSP: keep everything in files, nothing inline
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rollupOptions: {
      output: {
        // the framework changes rarely: a separate chunk stays cached across app releases
        manualChunks: { react: ['react', 'react-dom', 'react-dom/client', 'react-router', 'react-router/dom'] },
      },
    },
  },
  server: {
    proxy: {
      '/api': {
        target: 'http://localhost:3000',
        // the app's own modules live in src/web/api/*.ts, i.e. at /api/*.ts in dev: serve those here
        bypass: (req) => (/^\/api\/[^?]*\.tsx?(\?|$)/.test(req.url ?? '') ? req.url : undefined),
      },
    },
  },
});
