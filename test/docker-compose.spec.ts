import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Docker cannot run on these machines: the deployment files are checked by parsing them. */
const load = (file: string) =>
  parse(readFileSync(join(__dirname, '../docker', file), 'utf8'), { merge: true }) as Compose;

interface Service {
  image?: string;
  build?: { dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  deploy?: { replicas: number };
  depends_on?: Record<string, { condition: string }>;
}
interface Compose {
  services: Record<string, Service>;
}

describe('when docker/compose.yml is read', () => {
  const { services } = load('compose.yml');

  it('runs EventStoreDB, Redis with append-only persistence, two api replicas and a worker', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'eventstore', 'redis', 'worker']);
    expect(services.eventstore?.image).toMatch(/kurrentdb|eventstore/);
    expect(services.eventstore?.ports).toContain('2113:2113');
    expect(services.redis?.command).toEqual(
      expect.arrayContaining(['--appendonly', 'yes', '--maxmemory-policy', 'noeviction']),
    );
    expect(services.api?.deploy?.replicas).toBe(2);
    expect(services.api?.build?.dockerfile).toBe('docker/Dockerfile');
  });

  it('points the api and the worker at EventStoreDB and Redis in their roles', () => {
    for (const name of ['api', 'worker']) {
      expect(services[name]?.environment).toMatchObject({
        EVENTSTORE_CONNECTION_STRING: 'esdb://eventstore:2113?tls=false',
        REDIS_URL: 'redis://redis:6379',
      });
    }
    expect(services.api?.environment?.LEAP_ROLE).toBe('api');
    expect(services.worker?.environment?.LEAP_ROLE).toBe('worker');
    expect(services.worker?.command).toEqual(['node', 'dist/apps/worker/src/main.js']);
  });
});

describe('when docker/compose.cluster.yml is read', () => {
  const { services } = load('compose.cluster.yml');

  it('runs three EventStoreDB nodes that gossip with each other', () => {
    const nodes = ['node1', 'node2', 'node3'].map((name) => services[name]);
    for (const node of nodes) {
      expect(node?.environment).toMatchObject({
        KURRENTDB_CLUSTER_SIZE: '3',
        KURRENTDB_GOSSIP_SEED: 'node1:2113,node2:2113,node3:2113',
      });
    }
    expect(services.api?.environment?.EVENTSTORE_CONNECTION_STRING).toBe(
      'esdb://node1:2113,node2:2113,node3:2113?tls=false&nodePreference=leader',
    );
  });
});

describe('when docker/Dockerfile is read', () => {
  const dockerfile = readFileSync(join(__dirname, '../docker/Dockerfile'), 'utf8');

  it('builds in stages and runs as a non-root user with a readiness health check', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/health\/ready/m);
  });
});
