import { NestFactory } from '@nestjs/core';
import { AuditLog } from '@lilux/api/audit';
import { SecretRotationService } from '@lilux/api/crypto';
import { userInfo } from 'node:os';
import { loadEnvironmentOrExit } from './app/load-environment';

/**
 * `npm run keys:rotate`: re-encrypts every stored secret under the first of FERNET_KEYS. Run it after putting
 * a new key in front of the list; once it reports success the old keys can be removed.
 */
async function rotateKeys(): Promise<void> {
  loadEnvironmentOrExit();
  const { AppModule } = await import('./app/app.module');
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  const audit = app.get(AuditLog);
  const rotation = { actorName: operatorName(), action: 'keys.rotate', subjectType: 'server' } as const;
  try {
    const results = await app.get(SecretRotationService).rotateAll();
    const total = results.reduce((sum, result) => sum + result.reencrypted, 0);
    await audit.record({ ...rotation, outcome: 'ok', details: { reencrypted: total, stores: results.length } });
    for (const result of results) console.log(`${result.store}: ${result.reencrypted} re-encrypted`);
    console.log(`${total} secret(s) re-encrypted under the newest key`);
  } catch (error) {
    await audit.record({ ...rotation, outcome: 'error' });
    throw error;
  } finally {
    await app.close();
  }
}

/** Who ran the tool, as the system knows them: the audit log's actor for a rotation. */
function operatorName(): string | null {
  try {
    return process.env['SUDO_USER'] ?? userInfo().username;
  } catch {
    // A user id with no name (some containers): the event is recorded without one.
    return null;
  }
}

rotateKeys().catch((error: unknown) => {
  console.error(`key rotation failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
