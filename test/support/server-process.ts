import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { requireFreshBuild } from './fresh-build';
import { TEST_SECRET } from './test-secret';

export const BUILT_MAIN = join(__dirname, '../../dist/apps/api/src/main.js');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The built API (`npm run build`) as its own process, the way `npm start` runs it. */
export class ServerProcess {
  private constructor(
    readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {}

  static async start(env: Record<string, string>): Promise<ServerProcess> {
    requireFreshBuild(BUILT_MAIN);
    const port = await freePort();
    const child = spawn(process.execPath, [BUILT_MAIN], {
      env: { ...process.env, LEAP_JWT_SECRET: TEST_SECRET, PORT: String(port), HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    const baseUrl = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}: ${stderr}`);
      try {
        if ((await fetch(`${baseUrl}/health`)).ok) return new ServerProcess(child, baseUrl);
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill('SIGKILL');
    throw new Error(`API did not start within 20 s: ${stderr}`);
  }

  /** Ends the process; SIGKILL simulates a crash (no shutdown hooks run). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    // Ended already (by a code, or by a signal: Nest re-raises SIGTERM after its shutdown hooks).
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill(signal);
    await exited;
  }
}
