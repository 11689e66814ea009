import { setTimeout as sleep } from 'node:timers/promises';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { EventLog } from './log';
import { getSupportedMethodsHandler } from './server-features';
import { streamsService } from './streams-service';
import { writeStartUpEvents } from './system-events';

export interface EsdbDoubleOptions {
  /** 0 or omitted: a free port chosen by the OS (what parallel tests should use). */
  port?: number;
  host?: string;
  /** List `Streams.BatchAppend` in ServerFeatures (default), or answer UNIMPLEMENTED so the client uses `Streams.Append`. */
  batchAppend?: boolean;
  /** Bytes of data, metadata and type per append (the server's default, 1 MiB). */
  maxAppendSize?: number;
  /** Records a live subscription may lag (transport full) before `fellBehind` (default 32). */
  liveBuffer?: number;
  /**
   * Send `caughtUp` and `fellBehind` to subscriptions (default), as servers from 23.10 do; `false`
   * behaves like older servers, whose subscribers must work out for themselves when they caught up.
   */
  caughtUpMessages?: boolean;
}

const BIND_RETRY_MS = 2_000;

/**
 * A wire-compatible stand-in for an EventStoreDB server, for tests: `@grpc/grpc-js` serving the
 * service definitions and message classes `@eventstore/db-client` ships, over an in-memory log,
 * so the real client talks real gRPC to it. See README.md for what it does and does not do.
 *
 * `stop()` force-closes the listener and every call (BatchAppend and subscriptions have no
 * deadline, so a graceful shutdown would wait for ever) but keeps the data; `start(port)` listens
 * again, by default on the same port, so clients can reconnect to the same store.
 */
export class EsdbDouble {
  readonly log = new EventLog();
  private server: Server | undefined;
  private boundPort = 0;

  private constructor(private readonly options: EsdbDoubleOptions) {}

  static async start(options: EsdbDoubleOptions = {}): Promise<EsdbDouble> {
    const double = new EsdbDouble(options);
    await double.start(options.port ?? 0);
    writeStartUpEvents(double.log, `${double.host}:${double.port}`);
    return double;
  }

  get host(): string {
    return this.options.host ?? '127.0.0.1';
  }

  /** The port it listens on (or last listened on, while stopped). */
  get port(): number {
    return this.boundPort;
  }

  get connectionString(): string {
    return `esdb://${this.host}:${this.port}?tls=false`;
  }

  get listening(): boolean {
    return this.server !== undefined;
  }

  /** Listens (again) on `port`, by default the one it had; retries briefly while the port is released. */
  async start(port = this.boundPort): Promise<void> {
    if (this.server) throw new Error(`The EventStoreDB double already listens on port ${this.port}`);
    const server = new Server();
    server.addService(
      StreamsService,
      streamsService(this.log, {
        maxAppendSize: this.options.maxAppendSize ?? 1_048_576,
        liveBuffer: this.options.liveBuffer ?? 32,
        caughtUpMessages: this.options.caughtUpMessages ?? true,
      }),
    );
    server.addService(ServerFeaturesService, {
      getSupportedMethods: getSupportedMethodsHandler(this.options.batchAppend ?? true),
    });
    this.boundPort = await bind(server, this.host, port);
    this.server = server;
  }

  /** Closes the listener and all calls now; the data stays for a later `start()`. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    server?.forceShutdown();
    // Wake subscription loops waiting for records, so they notice their calls are gone.
    this.log.wake();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start(this.boundPort);
  }
}

async function bind(server: Server, host: string, port: number): Promise<number> {
  const deadline = Date.now() + BIND_RETRY_MS;
  for (;;) {
    try {
      return await new Promise<number>((resolve, reject) =>
        server.bindAsync(`${host}:${port}`, ServerCredentials.createInsecure(), (error, bound) =>
          error ? reject(error) : resolve(bound),
        ),
      );
    } catch (error) {
      if (port === 0 || Date.now() > deadline) throw error;
      await sleep(25);
    }
  }
}
