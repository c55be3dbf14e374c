import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

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

/** Whitelisting, unknown fields refused, payloads transformed into their DTO classes. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
