import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { Environment } from './environment';

/** A setting is missing or malformed; the message is one line naming the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Parses and checks the raw environment, filling in defaults. Used by ConfigModule and, before Nest starts,
 * by the entry points so that a bad value stops the process with one line rather than a stack trace.
 */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const present = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== ''));
  present['FERNET_KEYS'] ??= present['FERNET_KEY'] ?? '';
  const environment = plainToInstance(Environment, present, { exposeDefaultValues: true });
  const errors = validateSync(environment, { forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new ConfigError(describe(errors[0]));
  }
  return environment;
}

function describe(error: ValidationError): string {
  // class-validator runs a property's decorators bottom-up, so the last failure is the top-most decorator:
  // the most basic check ("must be a whole number" before "must be at least 60").
  const reason = Object.values(error.constraints ?? {}).at(-1) ?? 'is invalid';
  return `Invalid configuration: ${error.property} ${reason}`;
}
