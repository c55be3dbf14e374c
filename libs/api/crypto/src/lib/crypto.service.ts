import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Environment } from '@lilux/api/shared';
import { FernetCipher, InvalidFernetTokenError } from './fernet-cipher';

/**
 * Encrypts every secret Lilux stores. Several keys may be configured (newest first): new secrets are
 * encrypted with the first, any of them decrypts, and {@link rotate} moves a secret to the first.
 */
@Injectable()
export class CryptoService {
  private readonly ciphers: FernetCipher[];

  constructor(config: ConfigService<Environment, true>) {
    this.ciphers = config.get('FERNET_KEYS', { infer: true }).map((key) => new FernetCipher(key));
  }

  encrypt(plaintext: string): string {
    return this.ciphers[0].encrypt(plaintext);
  }

  decrypt(token: string): string {
    for (const cipher of this.ciphers) {
      try {
        return cipher.decrypt(token).toString('utf8');
      } catch (error) {
        if (!(error instanceof InvalidFernetTokenError)) throw error;
      }
    }
    throw new SecretUnreadableError();
  }

  /** Whether `token` is already encrypted under the newest key. */
  isCurrent(token: string): boolean {
    try {
      this.ciphers[0].decrypt(token);
      return true;
    } catch (error) {
      if (error instanceof InvalidFernetTokenError) return false;
      throw error;
    }
  }

  /** The same secret encrypted under the newest key (the token itself when it already is). */
  rotate(token: string): string {
    return this.isCurrent(token) ? token : this.encrypt(this.decrypt(token));
  }
}

export class SecretUnreadableError extends Error {
  constructor() {
    super('a stored secret cannot be decrypted with any configured FERNET_KEYS key');
    this.name = 'SecretUnreadableError';
  }
}
