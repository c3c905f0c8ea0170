import { describe, expect, it } from 'vitest';
import { NODE_MAJOR_NEEDED, nodeVersionProblem } from '../../../src/main/launch/node-version';

const oneSentence = (text: string | null) => {
  expect(text).not.toBeNull();
  expect(text).not.toContain('\n');
  expect(text).toMatch(/^SMS Desk needs .*\.$/);
  expect(text?.slice(0, -1)).not.toMatch(/\.\s/);
};

describe('the start-up Node check', () => {
  it('lets Node 24 and newer through', () => {
    expect(NODE_MAJOR_NEEDED).toBe(24);
    for (const node of ['24.0.0', '24.21.0', '25.1.0', '26.0.0']) expect(nodeVersionProblem({ node })).toBeNull();
    expect(nodeVersionProblem({ node: '24.11.1', electron: '45.4.1' })).toBeNull();
  });

  it('stops Node 20 and 22 with one sentence naming the version needed and how to get it', () => {
    for (const node of ['20.20.2', '22.12.0', '23.11.0']) {
      const problem = nodeVersionProblem({ node });
      oneSentence(problem);
      expect(problem).toContain(`this is Node.js ${node}`);
      expect(problem).toContain('Node.js 24 or newer');
      expect(problem).toContain('https://nodejs.org');
      expect(problem).toContain('nvm install');
    }
  });

  it('in Electron, names the bundled Node and says to reinstall the Electron the app is built for', () => {
    const problem = nodeVersionProblem({ node: '22.19.0', electron: '38.1.0' });
    oneSentence(problem);
    expect(problem).toContain('Electron 38.1.0 has Node.js 22.19.0');
    expect(problem).toContain('npm install');
    expect(problem).not.toContain('nvm');
  });

  it('treats a version it cannot read as too old rather than crashing later', () => {
    oneSentence(nodeVersionProblem({ node: '' }));
  });
});
