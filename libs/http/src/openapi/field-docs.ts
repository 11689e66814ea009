import { ApiProperty } from '@nestjs/swagger';

/**
 * What the @nestjs/swagger compiler plugin cannot tell from a property's type or its class-validator
 * decorators. The plugin describes the rest (types, enums, required, bounds, comments).
 */

/** A business date, `YYYY-MM-DD` (`format: date`). */
export const ApiBusinessDate = (): PropertyDecorator => ApiProperty({ format: 'date' });

/** An instant with its offset (`format: date-time`). */
export const ApiInstant = (): PropertyDecorator => ApiProperty({ format: 'date-time' });

/** A whole number (`@IsInt()` reads as `number` to the plugin). */
export const ApiInteger = (): PropertyDecorator => ApiProperty({ type: 'integer' });
