import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const eslint = new ESLint();

/** Lints a stand-in file at `path` (it need not exist) with the repository's own rules. */
async function lint(path: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: path });
  return (result?.messages ?? []).map((message) => message.ruleId);
}

const callsBridge = "import { bridge } from '../../api/bridge';\nexport const status = () => bridge().call['app.status']();\n";

describe('screens reach main only through the typed hooks', () => {
  // ESLint loads the repository's config and every plugin on its first lint: 4-10 s on a busy
  // 2-core machine, once. Paid here, so no single check carries it against the 5 s test limit.
  beforeAll(() => lint('src/renderer/src/api/warm-up.ts', 'export {};\n'), 120_000);

  it('a feature that imports the bridge is refused by lint', async () => {
    expect(await lint('src/renderer/src/features/compose/stand-in.ts', callsBridge)).toContain('no-restricted-imports');
  });

  it('the api layer itself may use the bridge', async () => {
    expect(await lint('src/renderer/src/api/stand-in.ts', callsBridge.replace('../../api/bridge', './bridge'))).not.toContain('no-restricted-imports');
  });

  it('no feature imports the bridge today', async () => {
    const results = await eslint.lintFiles(['src/renderer/src/features/**/*.{ts,tsx}']);
    const offenders = results.filter((result) => result.messages.some((message) => message.ruleId === 'no-restricted-imports' && /bridge/.test(message.message)));
    expect(offenders.map((result) => result.filePath)).toEqual([]);
  }, 120_000);
});
