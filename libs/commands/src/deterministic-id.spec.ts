import { deterministicUuid } from './deterministic-id';

describe('deterministicUuid', () => {
  it('gives the ids stored events already carry for the same parts (a retry lands on the same ids)', () => {
    // Derived by the first version of the helper: ids must never change under stored events.
    expect(deterministicUuid('import-1', 'attendance-stu_1-2025-26', '0')).toBe(
      '2ea91069-6ae7-55ec-b715-101b7613c37b',
    );
    expect(deterministicUuid('import-1', 'attendance-stu_1-2025-26', '1')).toBe(
      '84c9e12f-9c8d-54ef-8f13-9ea14169ffbe',
    );
    expect(deterministicUuid('é')).toBe('bf15be71-7ac1-5080-b4f1-c45669282589');
  });

  it('lays the id out as a version 5 UUID', () => {
    expect(deterministicUuid('a', 'b')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
