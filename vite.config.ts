import { defineConfig } from 'vite';
import { servedGraphPath } from './scripts/lib/paths.js';
import { papermapGraph } from './scripts/lib/vite-graph.js';

export default defineConfig({
  // Nothing is served from public/: graph.json comes from the plugin, so a graph or temp file a user
  // left there never ends up in the app.
  publicDir: false,
  plugins: [papermapGraph(servedGraphPath)],
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true },
  worker: { format: 'es' },
  server: { port: 5173, strictPort: false },
});
