import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { retentionProblem } from '@leap/domain';

/** A retention period (`P3Y`): calendar years, months, weeks or days, one day to fifty years. */
export function IsRetentionPeriod(validation?: ValidationOptions) {
  return (target: object, propertyName: string) => {
    ApiProperty({
      type: 'string',
      nullable: true,
      example: 'P3Y',
      pattern: '^P(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?$',
    })(target, propertyName);
    registerDecorator({
      name: 'isRetentionPeriod',
      target: target.constructor,
      propertyName,
      options: validation,
      validator: {
        validate: (value: unknown) => value === null || retentionProblem(value) === null,
        defaultMessage: (args: ValidationArguments) => `${args.property} ${retentionProblem(args.value)}`,
      },
    });
  };
}
