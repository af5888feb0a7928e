import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Precompressed copies (name.br, name.gz) of the text files of the build, next to them: the server sends them to
 * browsers that accept them (@fastify/static `preCompressed`), so that nothing is compressed per request. A copy is
 * written only when it is smaller; files under 1 kB are left alone.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'tnh-precompress',
    apply: 'build',
    configResolved(c) {
      outDir = path.resolve(c.root, c.build.outDir);
    },
    async closeBundle() {
      const files = (fs.readdirSync(outDir, { recursive: true }) as string[]).map((f) => path.join(outDir, f)).filter((f) => /\.(js|mjs|css|html|svg|json|txt|wasm)$/.test(f));
      await Promise.all(
        files.map(async (f) => {
          const raw = fs.readFileSync(f);
          if (raw.length < 1024) return;
          const [br, gz] = await Promise.all([
            brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
            gzip(raw, { level: 9 }),
          ]);
          if (br.length < raw.length) fs.writeFileSync(`${f}.br`, br);
          if (gz.length < raw.length) fs.writeFileSync(`${f}.gz`, gz);
        }),
      );
    },
  };
}

/** The web front end: a React SPA in src/web, built to dist/web and served by the server. */
export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  plugins: [react(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    // the server sends a strict CSP: keep everything in files, nothing inline
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rollupOptions: {
      // the researchers' app, and the lean respondent pages (/s#token survey, /r#token reflection session) that load neither router nor app code
      input: { main: fileURLToPath(new URL('./src/web/index.html', import.meta.url)), respond: fileURLToPath(new URL('./src/web/respond.html', import.meta.url)), reflect: fileURLToPath(new URL('./src/web/reflect.html', import.meta.url)) },
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
