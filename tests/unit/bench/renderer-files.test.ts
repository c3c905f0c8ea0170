import { describe, expect, it } from 'vitest';
import { firstScreenFiles } from '../../../bench/renderer-files';

describe("bench:renderer's first screen", () => {
  it('counts what index.html loads before drawing: the module script, module preloads and stylesheets', () => {
    const html = `<head>
      <meta http-equiv="Content-Security-Policy" content="script-src 'self'" />
      <link rel="icon" href="./favicon.png">
      <script type="module" crossorigin src="./assets/index-o9qQ9L1k.js"></script>
      <link rel="modulepreload" crossorigin href="./assets/jsx-runtime-CdtfMEtC.js">
      <link rel="stylesheet" crossorigin href="./assets/index-ByLlMfsU.css">
    </head>`;
    expect(firstScreenFiles(html)).toEqual(['assets/index-o9qQ9L1k.js', 'assets/jsx-runtime-CdtfMEtC.js', 'assets/index-ByLlMfsU.css']);
  });
});
