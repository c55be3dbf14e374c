import { NestFactory } from '@nestjs/core';
import { SecretRotationService } from '@lilux/api/crypto';
import { loadEnvironmentOrExit } from './app/load-environment';

/**
 * `npm run keys:rotate`: re-encrypts every stored secret under the first of FERNET_KEYS. Run it after putting
 * a new key in front of the list; once it reports success the old keys can be removed.
 */
async function rotateKeys(): Promise<void> {
  loadEnvironmentOrExit();
  const { AppModule } = await import('./app/app.module');
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
    const results = await app.get(SecretRotationService).rotateAll();
    const total = results.reduce((sum, result) => sum + result.reencrypted, 0);
    for (const result of results) console.log(`${result.store}: ${result.reencrypted} re-encrypted`);
    console.log(`${total} secret(s) re-encrypted under the newest key`);
  } finally {
    await app.close();
  }
}

rotateKeys().catch((error: unknown) => {
  console.error(`key rotation failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
