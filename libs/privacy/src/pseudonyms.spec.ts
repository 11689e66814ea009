import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPseudonymKey } from './pseudonym-key';
import { createPseudonymizer } from './pseudonyms';

describe('when ids are pseudonymised', () => {
  const key = randomBytes(32);

  it('gives the same id the same pseudonym under one key, and another under another key', () => {
    const one = createPseudonymizer(key);
    const other = createPseudonymizer(randomBytes(32));
    expect(one('student', 's-1001')).toBe(one('student', 's-1001'));
    expect(one('student', 's-1001')).not.toBe(other('student', 's-1001'));
    expect(one('student', 's-1001')).toMatch(/^stu_[0-9a-f]{20}$/);
  });

  it('gives the same id of different kinds unrelated pseudonyms', () => {
    const pseudonym = createPseudonymizer(key);
    expect(pseudonym('household', 'x-1').slice(3)).not.toBe(pseudonym('student', 'x-1').slice(4));
    expect(pseudonym('subject', 'x-1')).toMatch(/^usr_/);
  });

  it('refuses a short key', () => {
    expect(() => createPseudonymizer(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('when the pseudonym key is loaded', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'leap-key-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates one into the data dir, readable by the owner only, and keeps it', () => {
    const data = join(dir, 'data');
    const first = loadPseudonymKey({ LEAP_DATA_DIR: data });
    expect(Buffer.from(loadPseudonymKey({ LEAP_DATA_DIR: data }))).toEqual(Buffer.from(first));
    expect(statSync(join(data, 'pseudonym-key')).mode & 0o777).toBe(0o600);
    expect(statSync(data).mode & 0o777).toBe(0o700);
  });

  it('is required with EventStoreDB, where processes do not share a data dir', () => {
    expect(() =>
      loadPseudonymKey({ LEAP_DATA_DIR: dir, EVENTSTORE_CONNECTION_STRING: 'esdb://x:2113' }),
    ).toThrow(/LEAP_PSEUDONYM_KEY is required/);
    const key = 'k'.repeat(40);
    expect(
      loadPseudonymKey({ EVENTSTORE_CONNECTION_STRING: 'esdb://x:2113', LEAP_PSEUDONYM_KEY: key }),
    ).toHaveLength(40);
  });
});
