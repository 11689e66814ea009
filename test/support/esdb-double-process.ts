import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/**
 * The EventStoreDB double in a process of its own (`npm run esdb:double`), so a test can freeze it:
 * SIGSTOP leaves its connections open and its calls unanswered — a hung server, which the in-process
 * double cannot play (stopping it closes every connection).
 */
export class EsdbDoubleProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly connectionString: string,
  ) {}

  static async start(): Promise<EsdbDoubleProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/esdb-double/main.ts', '--port', '0'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    const connectionString = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`The double did not start within 20 s: ${stderr}`)),
        20_000,
      );
      child.once('exit', (code) => reject(new Error(`The double exited with ${code}: ${stderr}`)));
      child.stdout?.once('data', (chunk) => {
        clearTimeout(timer);
        resolve(String(chunk).trim().split('\n')[0] ?? '');
      });
    });
    return new EsdbDoubleProcess(child, connectionString);
  }

  /** Freezes the server: connections stay open, nothing is answered. */
  hang(): void {
    this.child.kill('SIGSTOP');
  }

  resume(): void {
    this.child.kill('SIGCONT');
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.resume();
    this.child.kill('SIGKILL');
    await exited;
  }
}
