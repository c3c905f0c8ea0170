import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const electronBan = { name: 'electron', message: 'Only src/main/electron, src/main/index.ts and src/preload may import electron.' };
const rendererBan = { group: ['**/main/**', '**/preload/**', 'node:*'], message: 'The renderer talks to main only through the bridge (src/renderer/src/api).' };

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'dist/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'tests/unit/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [rendererBan],
        },
      ],
    },
  },
  {
    // Screens call main only through the typed hooks (useChannelQuery/useChannelMutation), never the bridge itself.
    files: ['src/renderer/src/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [rendererBan, { group: ['**/api/bridge'], message: 'Features call main through the hooks in src/renderer/src/api, never bridge() directly.' }],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [
            { group: ['node:*', '**/main/**', '**/preload/**', '**/renderer/**', 'react', 'react-dom'], message: 'src/shared is pure TypeScript shared by every layer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // Storage is a port: SQL lives in adapters/sqlite, so another database can take its place.
          paths: [electronBan, { name: 'node:sqlite', message: 'The core reaches data through the Storage port (core/ports/storage.ts), never node:sqlite.' }],
          patterns: [
            { group: ['**/adapters/**', '**/electron/**', '**/web/**', 'electron-store', 'keytar', 'twilio', 'stripe'], message: 'The core depends on ports, never on adapters or hosts.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/adapters/**/*.ts', 'src/main/web/**/*.ts', 'src/main/sandbox/**/*.ts', 'src/main/app/**/*.ts'],
    ignores: ['src/main/adapters/settings/electron-settings-store.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronBan] }],
    },
  },
);
