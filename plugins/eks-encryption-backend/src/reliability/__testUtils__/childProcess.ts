import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import type { JsonObject } from '@backstage/types';
import type { Knex } from 'knex';
import request from 'supertest';
import { CHILD_SPEC_ENV, type ChildSpec } from './childSpec';
import { eventually } from './eventually';

/*
 * The parent's side of a backend in a child process: start it on a free port
 * against the test's PostgreSQL database, wait until it serves, call its API,
 * kill it. Every child started is tracked, so `killAllChildren` in `afterAll`
 * leaves no process behind whatever the test did.
 */

const CHILD_ENTRY = resolve(__dirname, 'childBackend.ts');
const NODE_TRANSFORM = require.resolve(
  '@backstage/cli/config/nodeTransform.cjs',
);
/** Accepted by the child as an external static token (a service principal). */
const API_TOKEN = 'eks-encryption-reliability-test-token';
const OUTPUT_LINES_KEPT = 40;

const running = new Set<BackendProcess>();

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** `backend.*` config: listen on `port`, keep the plugin's tables in `knex`'s database. */
function backendConfig(port: number, knex: Knex): JsonObject {
  const {
    host,
    port: dbPort,
    user,
    password,
    database,
  } = knex.client.config.connection as Record<
    string,
    string | number | undefined
  >;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    listen: { host: '127.0.0.1', port },
    database: {
      client: 'pg',
      connection: { host, port: dbPort, user, password },
      plugin: { 'eks-encryption': { connection: { database } } },
    },
    auth: {
      externalAccess: [
        {
          type: 'static',
          options: { token: API_TOKEN, subject: 'reliability-test' },
        },
      ],
    },
  };
}

export class BackendProcess {
  /**
   * Starts a backend with the plugin whose database is the one `knex` is connected
   * to (PostgreSQL), and waits until it answers on its health route.
   */
  static async start(options: {
    knex: Knex;
    config: JsonObject;
    entities: ChildSpec['entities'];
    runTimeoutMs?: number;
    readyTimeoutMs?: number;
  }): Promise<BackendProcess> {
    const port = await freePort();
    const spec: ChildSpec = {
      config: { ...options.config, backend: backendConfig(port, options.knex) },
      entities: options.entities,
      ...(options.runTimeoutMs ? { runTimeoutMs: options.runTimeoutMs } : {}),
    };
    const child = spawn(
      process.execPath,
      ['--require', NODE_TRANSFORM, CHILD_ENTRY],
      {
        cwd: resolve(__dirname, '../../..'),
        env: {
          ...process.env,
          // As deployed: under NODE_ENV=test the scheduler starts no janitor, and
          // only the janitor frees the task lock of a run whose process died.
          NODE_ENV: 'production',
          [CHILD_SPEC_ENV]: JSON.stringify(spec),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const backend = new BackendProcess(child, port);
    running.add(backend);
    await backend.ready(options.readyTimeoutMs ?? 30_000);
    return backend;
  }

  private readonly output: string[] = [];
  private readonly exited: Promise<void>;
  private exitCode?: number | string | null;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    const keep = (chunk: Buffer) => {
      this.output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      this.output.splice(
        0,
        Math.max(0, this.output.length - OUTPUT_LINES_KEPT),
      );
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.exited = new Promise(done =>
      child.once('exit', (code, signal) => {
        this.exitCode = code ?? signal;
        running.delete(this);
        done();
      }),
    );
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The last lines the child printed, for failure messages. */
  get recentOutput(): string {
    return this.output.join('\n');
  }

  /** GET on the plugin's API as a service caller (jest blocks `fetch`: supertest it is). */
  get(path: string): request.Test {
    return request(`http://127.0.0.1:${this.port}`)
      .get(`/api/eks-encryption${path}`)
      .set('Authorization', `Bearer ${API_TOKEN}`);
  }

  /** `kill -9`: no shutdown hook, no last write. Resolves once the process is gone. */
  async kill(): Promise<void> {
    if (this.exitCode === undefined) this.child.kill('SIGKILL');
    await this.exited;
  }

  private async ready(timeoutMs: number): Promise<void> {
    await eventually(
      `the child backend on port ${this.port} to serve`,
      async () => {
        if (this.exitCode !== undefined) {
          throw new Error(
            `The child backend exited (${this.exitCode}) before serving:\n${this.recentOutput}`,
          );
        }
        const ok = await request(`http://127.0.0.1:${this.port}`)
          .get('/api/eks-encryption/health')
          .then(
            res => res.status === 200,
            () => false,
          );
        return ok ? true : undefined;
      },
      { timeoutMs, intervalMs: 200, describe: async () => this.recentOutput },
    );
  }
}

/** Kills every child backend still running; for `afterAll`. */
export async function killAllChildren(): Promise<void> {
  await Promise.all([...running].map(child => child.kill()));
}
