import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';

export interface Simulator {
  baseUrl: string;
  process: ChildProcess;
  control(path: string, body?: unknown): Promise<unknown>;
}

/** The carrier simulator as its own process, started as Twilio's ISV parent (`--isv`) with its control API open. */
export async function startSimulator(accountSid: string, authToken: string): Promise<Simulator> {
  const child = spawn(resolve('node_modules/.bin/tsx'), ['src/main/sandbox/cli.ts', '--port', '0', '--account-sid', accountSid, '--auth-token', authToken, '--isv', '--open-control'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const baseUrl = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error('the simulator did not start within 20 s')), 20_000);
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      done(line.trim());
    });
    child.once('exit', (code) => fail(new Error(`the simulator exited with ${code}`)));
  });
  const control = async (path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}/__sim/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`simulator ${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<unknown>;
  };
  return { baseUrl, process: child, control };
}
