import { readFileSync } from 'node:fs';
import { isIPv4 } from 'node:net';
import { join } from 'node:path';
import { satisfies } from 'semver';
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
  networks?: Record<string, { ipv4_address?: string } | null>;
}
interface Compose {
  services: Record<string, Service>;
  networks?: Record<string, { ipam?: { config: { subnet: string; ip_range?: string }[] } }>;
}

/** What Compose makes of `${NAME:-default}` when NAME is unset. */
const withDefaults = (value: string) => value.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');

/** Whether an IPv4 address lies in a CIDR block such as 172.30.240.0/24. */
function inBlock(address: string, block: string): boolean {
  const [base = '', bits = '32'] = block.split('/');
  const toNumber = (ip: string) => ip.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
  const size = 2 ** (32 - Number(bits));
  return Math.floor(toNumber(address) / size) === Math.floor(toNumber(base) / size);
}

describe.each(['compose.yml', 'compose.cluster.yml'])('when docker/%s is read for its safety', (file) => {
  const { services } = load(file);
  const raw = readFileSync(join(__dirname, '../docker', file), 'utf8');

  it('has no default JWT secret: Compose refuses to start without LEAP_JWT_SECRET', () => {
    for (const name of ['api', 'worker'])
      expect(services[name]?.environment?.LEAP_JWT_SECRET).toMatch(/^\$\{LEAP_JWT_SECRET:\?[^}]+\}$/);
    expect(raw).not.toMatch(/LEAP_JWT_SECRET:-/);
  });

  it('has no default pseudonym key: every api and worker gets the one Compose is given, or none starts', () => {
    for (const name of ['api', 'worker'])
      expect(services[name]?.environment?.LEAP_PSEUDONYM_KEY).toMatch(/^\$\{LEAP_PSEUDONYM_KEY:\?[^}]+\}$/);
    expect(raw).not.toMatch(/LEAP_PSEUDONYM_KEY:-/);
  });

  it('has no default master key: every api and worker unwraps data keys with the one Compose is given', () => {
    for (const name of ['api', 'worker'])
      expect(services[name]?.environment?.LEAP_MASTER_KEY).toMatch(/^\$\{LEAP_MASTER_KEY:\?[^}]+\}$/);
    expect(raw).not.toMatch(/LEAP_MASTER_KEY:-/);
  });

  it('shares one PostgreSQL key store between every api and worker, unpublished and password-protected', () => {
    for (const name of ['api', 'worker']) {
      expect(services[name]?.environment?.LEAP_KEYSTORE_URL).toMatch(
        /^postgres:\/\/leap:\$\{LEAP_KEYSTORE_PASSWORD:\?[^}]+\}@keystore:5432\/leap_keys$/,
      );
      expect(services[name]?.depends_on?.keystore).toEqual({ condition: 'service_healthy' });
    }
    expect(services.keystore?.image).toMatch(/^postgres:/);
    expect(services.keystore?.ports).toBeUndefined();
    expect(services.keystore?.environment?.POSTGRES_PASSWORD).toMatch(
      /^\$\{LEAP_KEYSTORE_PASSWORD:\?[^}]+\}$/,
    );
  });

  it('publishes every port on 127.0.0.1 unless told otherwise', () => {
    const published = Object.values(services).flatMap((service) => service.ports ?? []);
    expect(published.length).toBeGreaterThan(0);
    for (const port of published) expect(withDefaults(port)).toMatch(/^127\.0\.0\.1:\d/);
    expect(withDefaults(services.api!.ports![0]!)).toBe('127.0.0.1:3000-3001:3000');
  });

  it('logs JSON lines by default, for a log collector', () => {
    expect(withDefaults(services.api?.environment?.LEAP_LOG_FORMAT ?? '')).toBe('json');
  });
});

describe('when docker/compose.yml is read', () => {
  const { services } = load('compose.yml');

  it('runs EventStoreDB, Redis with append-only persistence, the PostgreSQL key store, two api replicas and a worker', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'eventstore', 'keystore', 'redis', 'worker']);
    expect(services.eventstore?.image).toMatch(/kurrentdb|eventstore/);
    expect(services.eventstore?.ports).toEqual(['127.0.0.1:2113:2113']);
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
  const { services, networks } = load('compose.cluster.yml');
  const names = ['node1', 'node2', 'node3'];
  const addressOf = (name: string) => services[name]?.networks?.default?.ipv4_address ?? '';

  it('gives the three nodes fixed IPv4 addresses in the subnet of its network, away from the dynamic range', () => {
    const [ipam] = networks?.default?.ipam?.config ?? [];
    expect(ipam?.subnet).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
    const addresses = names.map(addressOf);
    expect(new Set(addresses).size).toBe(3);
    for (const address of addresses) {
      expect(isIPv4(address)).toBe(true);
      expect(inBlock(address, ipam!.subnet)).toBe(true);
      expect(inBlock(address, ipam!.ip_range!)).toBe(false);
    }
    for (const name of ['redis', 'api', 'worker']) expect(services[name]?.networks).toBeUndefined();
  });

  it('sets the replication and advertise addresses to IP addresses, as KurrentDB requires, and gossips with the others', () => {
    for (const name of names) {
      const others = names.filter((other) => other !== name).map((other) => `${addressOf(other)}:2113`);
      expect(services[name]?.environment).toMatchObject({
        KURRENTDB_CLUSTER_SIZE: '3',
        KURRENTDB_REPLICATION_IP: addressOf(name),
        KURRENTDB_ADVERTISE_HOST_TO_CLIENT_AS: addressOf(name),
        KURRENTDB_GOSSIP_SEED: others.join(','),
      });
    }
  });

  it('connects the api and the worker with all three nodes as seeds, following the leader', () => {
    const seeds = names.map((name) => `${addressOf(name)}:2113`).join(',');
    for (const name of ['api', 'worker'])
      expect(services[name]?.environment?.EVENTSTORE_CONNECTION_STRING).toBe(
        `esdb://${seeds}?tls=false&nodePreference=leader`,
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

  it('builds and runs on a Node version that package.json supports', () => {
    const { engines } = JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8'));
    const versions = [...dockerfile.matchAll(/^FROM node:(\d+)-/gm)].map(([, major]) => `${major}.0.0`);
    expect(versions).toHaveLength(2);
    for (const version of versions) expect(satisfies(version, engines.node)).toBe(true);
  });
});
