import { generateMasterKeyText, parseMasterKey } from './master-key';
import { MasterKeyMismatchError, newDataKey, unwrapKey, wrapKey } from './key-wrap';

const master = parseMasterKey(generateMasterKeyText(), 'test');
const other = parseMasterKey(generateMasterKeyText(), 'test');

describe('key wrapping', () => {
  it('unwraps what it wrapped, and the wrapped form does not contain the key', () => {
    const key = newDataKey();
    const wrapped = wrapKey(master, 'case-1', key);
    expect(wrapped.length).toBe(60);
    expect(wrapped.includes(Buffer.from(key))).toBe(false);
    expect(unwrapKey(master, { keyId: 'case-1', masterId: master.id, wrapped })).toEqual(key);
  });

  it('refuses a wrapped key moved onto another id', () => {
    const wrapped = wrapKey(master, 'case-1', newDataKey());
    expect(() => unwrapKey(master, { keyId: 'case-2', masterId: master.id, wrapped })).toThrow(
      'The data key case-2 does not unwrap with master key',
    );
  });

  it('says which master key wrapped a key when the store has another one', () => {
    const wrapped = wrapKey(master, 'case-1', newDataKey());
    expect(() => unwrapKey(other, { keyId: 'case-1', masterId: master.id, wrapped })).toThrow(
      MasterKeyMismatchError,
    );
    expect(() =>
      unwrapKey({ ...other, id: master.id }, { keyId: 'case-1', masterId: master.id, wrapped }),
    ).toThrow('does not unwrap');
  });
});
