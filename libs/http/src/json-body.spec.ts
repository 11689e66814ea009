import { isJsonMediaType } from './json-body';

describe('when a content type is read', () => {
  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON',
    'application/problem+json',
    'application/vnd.leap.case+json; version=1',
  ])('takes %s as JSON', (type) => {
    expect(isJsonMediaType(type)).toBe(true);
  });

  it.each([
    undefined,
    '',
    'text/plain',
    'application/x-www-form-urlencoded',
    'application/jsonx',
    'text/json',
    '+json',
  ])('refuses %s', (type) => {
    expect(isJsonMediaType(type)).toBe(false);
  });
});
