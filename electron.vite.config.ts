import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

/**
 * One build for every runtime: the Electron main process (plus the Node-only
 * web transport and CLI entries, which reuse the same services), the sandboxed
 * preload (CommonJS, all dependencies bundled: a sandbox cannot require them),
 * and the React renderer.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Bundled (and tree-shaken from their ES modules) rather than loaded from node_modules at run time:
      // zod's CommonJS build loads all its 64 locales, and the SDK's its every command. Measured on the
      // CLI (which every `pail` command and the transfer benchmark pay): start-up went from ~0.40 s to
      // ~0.30 s, a 256 MiB download from 1.2 s to 1.0 s. The rest (the keychain's native addon, ini,
      // qrcode) stays external.
      externalizeDeps: {
        exclude: ['zod', '@aws-sdk/client-s3', '@aws-sdk/lib-storage', '@aws-sdk/s3-request-presigner', '@smithy/signature-v4', 'mime-types'],
      },
      rollupOptions: {
        input: {
          main: resolve(__dirname, 'electron/shell/main.ts'),
          web: resolve(__dirname, 'electron/web/web-main.ts'),
          cli: resolve(__dirname, 'electron/cli/cli-main.ts'),
          // The transfer engine's worker threads, each started from its own file (io/thread-entry.ts).
          'fetch-thread': resolve(__dirname, 'electron/services/transfers/io/fetch-thread.ts'),
          'file-thread': resolve(__dirname, 'electron/services/transfers/io/file-thread.ts'),
          'md5-thread': resolve(__dirname, 'electron/services/transfers/io/md5-thread.ts'),
        },
        // Chunks beside the entries, not in a chunks/ folder: code the bundler moved into a chunk then
        // finds a thread's entry at `__dirname` just as an entry's own code does.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/shell/preload.ts') },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // The page's script minified (electron-vite leaves it as written): 0.86 MB instead of 1.79, and a page load
      // costs Chromium ~0.85 CPU-s instead of ~1.1 here. Names in a renderer crash's stack come out short.
      minify: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'renderer/index.html') },
      },
    },
  },
});
