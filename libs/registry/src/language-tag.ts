/** A language as a BCP 47 tag: `en`, `es`, `pt-BR`, `zh-Hant`. */
export const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
