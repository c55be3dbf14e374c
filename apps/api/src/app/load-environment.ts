import { ConfigError, Environment, validateEnvironment } from '@lilux/api/shared';
import { config as loadDotenv } from 'dotenv';

/**
 * Reads `.env` from the working directory (variables already set in the environment win) and validates
 * everything. A bad setting ends the process here with one line naming the variable: no stack trace.
 */
export function loadEnvironmentOrExit(): Environment {
  loadDotenv({ path: '.env' });
  try {
    return validateEnvironment(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
