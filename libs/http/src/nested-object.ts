import { Type } from 'class-transformer';
import { IsObject, ValidateNested, type ValidationOptions } from 'class-validator';

/**
 * A property holding one object of a DTO class, validated with it. Required unless the property is
 * also `@IsOptional()`: `@ValidateNested()` alone lets a missing object, an array or a string
 * through, and the handler then fails on it.
 */
export function IsNestedObject(type: () => new () => object, validation?: ValidationOptions) {
  const isObject = IsObject({ message: '$property must be an object', ...validation });
  const nested = ValidateNested(validation);
  const transformed = Type(type);
  return (target: object, propertyName: string) => {
    isObject(target, propertyName);
    nested(target, propertyName);
    transformed(target, propertyName);
  };
}
