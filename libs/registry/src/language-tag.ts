import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** A language as a BCP 47 tag: `en`, `es`, `pt-BR`, `zh-Hant`. */
export const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** A list of BCP 47 language tags, documented with the tag's pattern on each item. */
export function IsLanguageTags() {
  const matches = Matches(LANGUAGE_TAG, { each: true });
  const documented = ApiProperty({ type: String, isArray: true, pattern: LANGUAGE_TAG.source });
  return (target: object, propertyName: string) => {
    matches(target, propertyName);
    documented(target, propertyName);
  };
}
