import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/** One `BadRequestException` per request whose `fields` name each offending property. */
export class FieldValidationError extends BadRequestException {
  constructor(readonly fields: Record<string, string>) {
    super(
      Object.entries(fields)
        .map(([field, problem]) => `${field} ${problem}`)
        .join('; '),
    );
  }
}

/**
 * How deep a request's values may nest. Lilux's requests are flat; class-transformer and class-validator
 * recurse once per level, and JSON nested 2,000 deep overflowed the stack (a 500) before this bound.
 */
export const MAX_INPUT_DEPTH = 32;

/** Refuses input nested deeper than {@link MAX_INPUT_DEPTH} before the transformation recurses into it. */
class DepthBoundedValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const field = fieldNestedTooDeep(value);
    if (field !== undefined) {
      return Promise.reject(new FieldValidationError({ [field || metadata.type]: `is nested deeper than ${MAX_INPUT_DEPTH} levels` }));
    }
    return super.transform(value, metadata);
  }
}

/**
 * The top-level field under which `value` nests deeper than {@link MAX_INPUT_DEPTH} ('' for the value
 * itself), or undefined. Walked with a list, not by recursion, so that depth cannot overflow this walk either.
 */
export function fieldNestedTooDeep(value: unknown): string | undefined {
  const pending: { node: unknown; depth: number; field: string }[] = [{ node: value, depth: 0, field: '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { node, depth, field } = next;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > MAX_INPUT_DEPTH) return field;
    for (const [key, child] of Object.entries(node)) {
      pending.push({ node: child, depth: depth + 1, field: depth === 0 && !Array.isArray(node) ? key : field });
    }
  }
  return undefined;
}

/** Whitelisting, unknown fields refused, payloads transformed into their DTO classes. */
export function createValidationPipe(): ValidationPipe {
  return new DepthBoundedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => new FieldValidationError(flatten(errors)),
  });
}

/** class-validator's own text for an unknown field ("property foo should not exist") repeats the name. */
const UNKNOWN_FIELD = 'is not a field this request accepts';

function flatten(errors: ValidationError[], prefix = ''): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const error of errors) {
    const path = prefix + error.property;
    const messages = Object.values(error.constraints ?? {});
    if (error.constraints?.['whitelistValidation']) fields[path] = UNKNOWN_FIELD;
    else if (messages.length > 0) fields[path] = messages[0].replace(new RegExp(`^${error.property} `), '');
    Object.assign(fields, flatten(error.children ?? [], `${path}.`));
  }
  return fields;
}
