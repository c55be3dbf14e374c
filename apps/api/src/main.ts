import { Logger } from '@nestjs/common';
import { loadEnvironmentOrExit } from './app/load-environment';

async function main(): Promise<void> {
  const environment = loadEnvironmentOrExit();
  // Imported once the configuration is known to be good, so that a bad value fails before any module loads.
  const { createApp } = await import('./app/create-app');
  const app = await createApp(environment);
  await app.listen(environment.PORT, environment.HOST);
  Logger.log(`Lilux is up at http://${environment.HOST}:${environment.PORT} (API docs: /api/docs)`);
}

main().catch((error: unknown) => {
  console.error(`Lilux failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
