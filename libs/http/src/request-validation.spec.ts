import type { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { NestedDateNotAfter } from './field-relations';
import { IsBusinessDate } from './business-date';
import { IsNestedObject } from './nested-object';
import { RequestValidationError, RequestValidationPipe, type FieldViolation } from './request-validation';

class FiguresDto {
  @IsInt() @Min(1) @Max(400) days!: number;
  @IsString() @MinLength(3) @MaxLength(5) code!: string;
  @IsBusinessDate() asOf!: string;
}

class CommandDto {
  @IsIn(['a', 'b']) kind!: string;
  @IsBusinessDate() on!: string;
  @IsNestedObject(() => FiguresDto) @NestedDateNotAfter('asOf', 'on') figures!: FiguresDto;
  @IsOptional() @IsNestedObject(() => FiguresDto) extra?: FiguresDto;
}

class ListQuery {
  @IsOptional() @IsString() q?: string;
  @IsOptional() @Type(() => Number) @IsInt() limit?: number;
}

const pipe = new RequestValidationPipe();
const body: ArgumentMetadata = { type: 'body', metatype: CommandDto };

async function violationsOf(value: unknown, metadata = body): Promise<FieldViolation[]> {
  try {
    await pipe.transform(value, metadata);
  } catch (error) {
    if (error instanceof RequestValidationError) return error.violations;
    throw error;
  }
  return [];
}

const valid = () => ({
  kind: 'a',
  on: '2024-10-01',
  figures: { days: 20, code: 'abc', asOf: '2024-09-30' },
});

describe('when the validation pipe reports what is wrong', () => {
  it('answers only the type error of a value of the wrong type', async () => {
    expect(await violationsOf({ ...valid(), figures: { ...valid().figures, days: '40' } })).toEqual([
      { path: 'figures.days', reason: 'days must be an integer number' },
    ]);
  });

  it('answers the first rule as declared when the type is right', async () => {
    expect(await violationsOf({ ...valid(), figures: { ...valid().figures, days: 0, code: 'a' } })).toEqual([
      { path: 'figures.days', reason: 'days must not be less than 1' },
      { path: 'figures.code', reason: 'code must be longer than or equal to 3 characters' },
    ]);
  });

  it('lists every bad field, nested ones included, once each', async () => {
    const violations = await violationsOf({ kind: 'c', figures: { days: 'x', code: 7 }, extra: [] });
    expect(violations.map((v) => v.path).sort()).toEqual([
      'extra',
      'figures.asOf',
      'figures.code',
      'figures.days',
      'kind',
      'on',
    ]);
  });

  it('requires a nested object and refuses arrays and strings in its place', async () => {
    const { figures: _figures, ...withoutFigures } = valid();
    expect(await violationsOf(withoutFigures)).toEqual([
      { path: 'figures', reason: 'figures must be an object' },
    ]);
    expect(await violationsOf({ ...valid(), figures: [] })).toEqual([
      { path: 'figures', reason: 'figures must be an object' },
    ]);
  });

  it('blames the nested date that is after its parent date', async () => {
    expect(await violationsOf({ ...valid(), figures: { ...valid().figures, asOf: '2024-10-02' } })).toEqual([
      { path: 'figures.asOf', reason: 'asOf must not be after on (2024-10-01)' },
    ]);
  });

  it('inspects query strings and path parameters before validating them', async () => {
    const query: ArgumentMetadata = { type: 'query', metatype: ListQuery };
    expect(await violationsOf({ q: 'a\u0000' }, query)).toEqual([
      { path: 'q', reason: expect.stringContaining('control characters') },
    ]);
    const proto = Object.assign(Object.create(null), { ['__proto__']: 'x' });
    expect(await violationsOf(proto, query)).toEqual([
      { path: '__proto__', reason: 'property __proto__ should not exist' },
    ]);
    const param: ArgumentMetadata = { type: 'param', metatype: String, data: 'caseId' };
    expect(await pipe.transform('Jose\u0301', param)).toBe('Jos\u00e9');
  });
});
