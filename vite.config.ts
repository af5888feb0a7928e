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
      // the researchers' app, and the lean respondent page (/s#token) that loads neither router nor app code
      input: { main: fileURLToPath(new URL('./src/web/index.html', import.meta.url)), respond: fileURLToPath(new URL('./src/web/respond.html', import.meta.url)) },
      output: {
        // the framework changes rarely: separate chunks stay cached across app releases (the router apart: the respondent page does not need it)
        manualChunks: (id) => (/node_modules\/(react|react-dom|scheduler)\//.test(id) ? 'react' : /node_modules\/react-router/.test(id) ? 'router' : undefined),
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
