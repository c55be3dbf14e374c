import { DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';

/**
 * The configuration a test module runs with: exactly `values`, never the environment. Nx loads the workspace's
 * `.env` into every task, so without this the secrets and the database that `npm start` wrote would leak into
 * tests (an administrator appears, a test writes to the user's database).
 */
export function isolatedConfig(values: Record<string, unknown>): Promise<DynamicModule> {
  return ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, skipProcessEnv: true, load: [() => values] });
}
