import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { LANGUAGE_TAG } from '@leap/domain';

export { LANGUAGE_TAG };

/** A list of BCP 47 language tags, documented with the tag's pattern on each item. */
export function IsLanguageTags() {
  const matches = Matches(LANGUAGE_TAG, { each: true });
  const documented = ApiProperty({ type: String, isArray: true, pattern: LANGUAGE_TAG.source });
  return (target: object, propertyName: string) => {
    matches(target, propertyName);
    documented(target, propertyName);
  };
}
