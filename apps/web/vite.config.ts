// The web page's build (`vite build apps/web`): apps/web → dist/web, served by the API under /web/ (see
// apps/api/src/web/web-page.ts). External files only: the API's Content-Security-Policy allows
// no inline script.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/web/',
  resolve: {
    // The ledger's Dutch words: plain data the page bundles (everything else it takes from the libraries is types only).
    alias: { '@geldstroom/projections/vocabulary': fileURLToPath(new URL('../../libs/projections/src/vocabulary', import.meta.url)) },
  },
  logLevel: 'warn',
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    // ECharts is the bulk of the bundle even tree-shaken (core, sankey, bar, canvas).
    chunkSizeWarningLimit: 1200,
    // Inline assets would be data: URLs; keep every asset a file of its own.
    assetsInlineLimit: 0,
  },
});
