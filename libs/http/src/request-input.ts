import type { FieldViolation } from './request-validation';

/** Deepest nesting a request may have: the body (or query) is level 1. No request needs more than 4. */
export const MAX_JSON_DEPTH = 32;

/** Violations listed at most for one request; a body full of bad strings is not echoed back whole. */
const MAX_VIOLATIONS = 50;

/** Keys that name an object's prototype: refused like any unknown field, wherever they appear. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * C0 and C1 control characters and DEL, except tab, newline and a carriage return that starts a
 * CRLF line break (text pasted from Windows): a lone carriage return, NUL, ESC and the like have no
 * place in anything a person types, and break logs, terminals and CSV exports downstream.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\r(?!\n)/;
/** A high surrogate without its low half, or a low one without its high half: not Unicode text. */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The request nests deeper than MAX_JSON_DEPTH (HTTP 400 `too_deep`). */
export class TooDeepError extends Error {
  override readonly name = 'TooDeepError';
  constructor() {
    super(`The request nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
}

export interface InspectedInput<T> {
  /** The input with every string NFC-normalised (objects and arrays are normalised in place). */
  value: T;
  violations: FieldViolation[];
}

/**
 * Looks at a parsed body, query or parameter before anything else does: refuses nesting deeper
 * than MAX_JSON_DEPTH (throws TooDeepError before any recursive code sees the value), lists keys
 * that name a prototype and strings with control characters or unpaired surrogates by their path,
 * and NFC-normalises every string so that the same text is stored the same way.
 *
 * Walks with its own stack, never by recursion, so no input can exhaust the call stack.
 */
export function inspectRequestInput<T>(input: T, rootPath = ''): InspectedInput<T> {
  const violations: FieldViolation[] = [];
  const report = (path: string, reason: string) => {
    if (violations.length < MAX_VIOLATIONS) violations.push({ path, reason });
  };
  if (typeof input === 'string') {
    const problem = stringProblem(input);
    if (problem) report(rootPath, `${rootPath} ${problem}`);
    return { value: input.normalize('NFC') as T, violations };
  }
  const stack: Array<{ container: Record<string, unknown>; path: string; depth: number }> = [];
  if (isContainer(input)) stack.push({ container: input, path: rootPath, depth: 1 });
  while (stack.length > 0 && violations.length < MAX_VIOLATIONS) {
    const { container, path, depth } = stack.pop()!;
    if (depth > MAX_JSON_DEPTH) throw new TooDeepError();
    for (const key of Object.keys(container)) {
      const childPath = path ? `${path}.${key}` : key;
      if (PROTOTYPE_KEYS.has(key)) {
        report(childPath, `property ${key} should not exist`);
        continue;
      }
      const keyProblem = stringProblem(key);
      if (keyProblem) report(childPath, `property name ${keyProblem}`);
      const value = container[key];
      if (typeof value === 'string') {
        const problem = stringProblem(value);
        if (problem) report(childPath, `${key} ${problem}`);
        else if (!isNormalizedAscii(value)) container[key] = value.normalize('NFC');
      } else if (isContainer(value)) {
        stack.push({ container: value, path: childPath, depth: depth + 1 });
      }
    }
  }
  return { value: input, violations };
}

function stringProblem(value: string): string | null {
  if (CONTROL.test(value))
    return 'must not contain control characters (tab, newline and CRLF line breaks are allowed)';
  if (UNPAIRED_SURROGATE.test(value))
    return 'must be well-formed Unicode text (it has an unpaired surrogate)';
  return null;
}

/** Plain ASCII is already NFC: most strings skip the normalisation. */
function isNormalizedAscii(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /^[\u0000-\u007F]*$/.test(value);
}

function isContainer(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
