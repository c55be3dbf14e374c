import { Injectable, Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { CryptoService } from './crypto.service';

/**
 * Implemented by every provider that keeps encrypted secrets, and marked with {@link SecretStore} so that key
 * rotation finds it without this module knowing the feature modules.
 */
export interface EncryptedSecretStore {
  /** Re-encrypts each stored secret with `rotate`, persisting changed values; returns how many changed. */
  reencryptAll(rotate: (token: string) => string): Promise<number>;
}

export const SecretStore = DiscoveryService.createDecorator<string>();

export interface RotationResult {
  store: string;
  reencrypted: number;
}

@Injectable()
export class SecretRotationService {
  private readonly logger = new Logger(SecretRotationService.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly crypto: CryptoService,
  ) {}

  async rotateAll(): Promise<RotationResult[]> {
    const results: RotationResult[] = [];
    for (const wrapper of this.discovery.getProviders({ metadataKey: SecretStore.KEY })) {
      const store = wrapper.instance as EncryptedSecretStore;
      const name = this.discovery.getMetadataByDecorator(SecretStore, wrapper) ?? wrapper.name;
      const reencrypted = await store.reencryptAll((token) => this.crypto.rotate(token));
      this.logger.log(`${name}: ${reencrypted} secret(s) re-encrypted under the newest key`);
      results.push({ store: name, reencrypted });
    }
    return results;
  }
}
