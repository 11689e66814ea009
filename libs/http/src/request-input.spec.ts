import { MAX_JSON_DEPTH, TooDeepError, inspectRequestInput } from './request-input';

const nestedArrays = (depth: number): unknown => {
  let value: unknown = [];
  for (let level = 1; level < depth; level++) value = [value];
  return value;
};

describe('when request input is inspected', () => {
  it(`takes ${MAX_JSON_DEPTH} levels of nesting and refuses one more, without recursion`, () => {
    expect(inspectRequestInput(nestedArrays(MAX_JSON_DEPTH)).violations).toEqual([]);
    expect(() => inspectRequestInput(nestedArrays(MAX_JSON_DEPTH + 1))).toThrow(TooDeepError);
    expect(() => inspectRequestInput(nestedArrays(200_000))).toThrow(TooDeepError);
  });

  it('lists prototype keys as unknown fields, wherever they are', () => {
    const body = JSON.parse('{"__proto__":{"x":1},"a":{"constructor":1,"list":[{"prototype":2}]}}');
    expect(inspectRequestInput(body).violations).toEqual([
      { path: '__proto__', reason: 'property __proto__ should not exist' },
      { path: 'a.constructor', reason: 'property constructor should not exist' },
      { path: 'a.list.0.prototype', reason: 'property prototype should not exist' },
    ]);
  });

  it('refuses control characters and unpaired surrogates by path, keeping tab, newline and CRLF', () => {
    const body = {
      ok: 'line one\r\nline two\n\tindented',
      nul: 'a\u0000b',
      escape: '\u001b[2J',
      del: 'a\u007f',
      c1: 'a\u0085',
      lone: 'a\rb',
      nested: { high: 'x\ud800', low: '\udc00y', pair: '\ud83d\ude00' },
    };
    expect(
      inspectRequestInput(body)
        .violations.map((v) => v.path)
        .sort(),
    ).toEqual(['c1', 'del', 'escape', 'lone', 'nested.high', 'nested.low', 'nul'].sort());
  });

  it('NFC-normalises strings in place, and a string given alone', () => {
    const body = { name: 'Jose\u0301', list: ['Cafe\u0301'] };
    const inspected = inspectRequestInput(body);
    expect(inspected.value).toEqual({ name: 'Jos\u00e9', list: ['Caf\u00e9'] });
    expect(inspectRequestInput('Jose\u0301', 'caseId').value).toBe('Jos\u00e9');
    expect(inspectRequestInput('a\u0000', 'caseId').violations).toEqual([
      { path: 'caseId', reason: expect.stringContaining('control characters') },
    ]);
  });

  it('lists at most 50 violations for a body full of bad strings', () => {
    const body = { items: Array.from({ length: 5000 }, () => 'bad\u0000') };
    expect(inspectRequestInput(body).violations).toHaveLength(50);
  });
});
