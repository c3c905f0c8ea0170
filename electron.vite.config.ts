import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// electron-store and conf are ESM-only; bundling them lets the main build stay CommonJS.
const bundledEsmDeps = ['electron-store', 'conf'];

export default defineConfig({
  main: {
    build: {
      externalizeDeps: { exclude: bundledEsmDeps },
      rollupOptions: {
        input: {
          // index.js and web.js check the Node version, then load desktop-app.js / web-app.js
          // by path: the apps load node:sqlite at once (see src/main/launch/).
          index: resolve(__dirname, 'src/main/launch/desktop.ts'),
          'desktop-app': resolve(__dirname, 'src/main/index.ts'),
          web: resolve(__dirname, 'src/main/launch/web.ts'),
          'web-app': resolve(__dirname, 'src/main/web/cli.ts'),
          // The dispatcher's worker thread, loaded by file name (see sending-thread/thread-host.ts).
          'sending-thread': resolve(__dirname, 'src/main/app/sending-thread/thread-entry.ts'),
          // Parses shares of a big recipient list beside the sending thread (sending-thread/recipient-reader.ts).
          'phone-parse-helper': resolve(__dirname, 'src/main/app/sending-thread/parse-helper-entry.ts'),
          // Reads replies from the carrier off the main thread (app/reply-thread/reply-thread-host.ts).
          'reply-thread': resolve(__dirname, 'src/main/app/reply-thread/reply-thread-entry.ts'),
          simulator: resolve(__dirname, 'src/main/sandbox/cli.ts'),
        },
      },
    },
  },
  preload: {
    // Sandboxed preloads cannot require() node_modules: bundle everything into one file.
    build: {
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      // electron-vite leaves the renderer unminified; the first screen is what a desk waits for.
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
