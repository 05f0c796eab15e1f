// The CLI as scripts use it: two lines first (URL, fixture JSON), then a clean stop on a signal.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';

function startCli(args: string[]) {
  // Node itself with tsx's loader, not the tsx launcher: the launcher relays signals through a
  // second process and, on a loaded machine, may kill the child before its own handler answers.
  const child = spawn(process.execPath, ['--import', 'tsx', 'simulator/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextLine = async (): Promise<string> => {
    const line = await lines.next();
    if (line.done) throw new Error('the CLI closed its output');
    return line.value;
  };
  return { child, nextLine };
}

describe('simulator CLI', () => {
  it('prints the URL, then the fixture as one JSON line, serves, and stops on SIGTERM', async () => {
    const { child, nextLine } = startCli(['--port', '0', '--session-validity', '30', '--token-ttl', '120']);
    try {
      const url = await nextLine();
      const fixture = JSON.parse(await nextLine()) as Record<string, unknown>;

      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(Object.keys(fixture)).toEqual(['account_id', 'client_id', 'client_secret', 'refresh_token', 'terminals']);
      expect(fixture).toMatchObject({ account_id: '23137556', terminals: ['TRM001', 'TRM002', 'TRM003'] });

      const token = await fetch(`${url}/oauth/v2/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          client_id: String(fixture.client_id),
          client_secret: String(fixture.client_secret),
          refresh_token: String(fixture.refresh_token),
        }),
      });
      expect(await token.json()).toMatchObject({ expires_in: 120 });
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  it('refuses a bad option value', async () => {
    const { child } = startCli(['--port', 'abc']);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];

    expect(code).toBe(1);
    expect(stderr).toContain('--port must be a whole number');
  });
});
