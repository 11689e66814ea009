import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './server-process';
import { requireFreshBuild } from './fresh-build';
import { TEST_SECRET } from './test-secret';

export const BUILT_WORKER = join(__dirname, '../../dist/apps/worker/src/main.js');

/** The built worker (`npm run build`) as its own process, the way docker/compose.yml runs it. */
export class WorkerProcess {
  private constructor(
    readonly child: ChildProcess,
    /** Its health listener (the worker serves no API). */
    readonly baseUrl: string,
    private readonly output: { text: string },
  ) {}

  /** Starts it with LEAP_ROLE=worker and waits until `/health/ready` answers 200. */
  static async start(env: Record<string, string>): Promise<WorkerProcess> {
    requireFreshBuild(BUILT_WORKER);
    const port = await freePort();
    const child = spawn(process.execPath, [BUILT_WORKER], {
      env: {
        ...process.env,
        LEAP_ROLE: 'worker',
        LEAP_JWT_SECRET: TEST_SECRET,
        PORT: String(port),
        HOST: '127.0.0.1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = { text: '' };
    child.stdout?.on('data', (chunk) => (output.text += chunk));
    child.stderr?.on('data', (chunk) => (output.text += chunk));
    const baseUrl = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`Worker exited with ${child.exitCode}: ${output.text}`);
      try {
        if ((await fetch(`${baseUrl}/health/ready`)).ok) return new WorkerProcess(child, baseUrl, output);
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill('SIGKILL');
    throw new Error(`Worker was not ready within 20 s: ${output.text}`);
  }

  /** Everything it logged so far (for failure messages). */
  get logs(): string {
    return this.output.text;
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.child.exitCode;
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.kill(signal);
    return exited;
  }
}
