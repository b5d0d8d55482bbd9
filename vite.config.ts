/**
 * Builds the React renderer into dist/renderer. The HTTP server serves that folder and
 * the Electron shell loads it through its app protocol, so asset paths are relative
 * (`base: './'`) and work under either origin.
 */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('./renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/renderer', import.meta.url));

/**
 * The built page may load only its own scripts, styles and images (same origin: the
 * HTTP server or the Electron app protocol). Added at build time only, because Vite's
 * dev server injects an inline script.
 */
function contentSecurityPolicy(): Plugin {
  const policy =
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'";
  return {
    name: 'inspection-desk-csp',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`,
      );
    },
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir,
    emptyOutDir: true,
    // Offline desktop app: one chunk per entry is fine and avoids a waterfall on start.
    chunkSizeWarningLimit: 1500,
    sourcemap: true,
  },
  server: {
    // `vite` in dev mode proxies the contract to a running `npm run serve` (default port).
    proxy: {
      '/api': process.env.INSPECTION_DESK_API ?? 'http://127.0.0.1:5175',
      '/media': process.env.INSPECTION_DESK_API ?? 'http://127.0.0.1:5175',
    },
  },
});
