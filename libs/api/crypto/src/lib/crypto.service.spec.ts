import { Injectable } from '@nestjs/common';
import { isolatedConfig } from '@lilux/api/testing';
import { Test } from '@nestjs/testing';
import { CryptoModule } from './crypto.module';
import { CryptoService, SecretUnreadableError } from './crypto.service';
import { FernetCipher } from './fernet-cipher';
import { EncryptedSecretStore, SecretRotationService, SecretStore } from './secret-rotation.service';

const OLD_KEY = FernetCipher.generateKey();
const NEW_KEY = FernetCipher.generateKey();

/** A store keeping its encrypted values in memory, as a feature module keeps them in its table. */
@SecretStore('test secrets')
@Injectable()
class InMemorySecretStore implements EncryptedSecretStore {
  readonly tokens = new Map<string, string>();

  async reencryptAll(rotate: (token: string) => string): Promise<number> {
    let changed = 0;
    for (const [name, token] of this.tokens) {
      const rotated = rotate(token);
      if (rotated !== token) {
        this.tokens.set(name, rotated);
        changed += 1;
      }
    }
    return changed;
  }
}

async function moduleWithKeys(keys: string[]) {
  return Test.createTestingModule({
    imports: [isolatedConfig({ FERNET_KEYS: keys }), CryptoModule],
    providers: [InMemorySecretStore],
  }).compile();
}

describe('CryptoService', () => {
  it('encrypts with the first key and decrypts with any configured key', async () => {
    const oldOnly = (await moduleWithKeys([OLD_KEY])).get(CryptoService);
    const rotated = (await moduleWithKeys([NEW_KEY, OLD_KEY])).get(CryptoService);
    const newOnly = (await moduleWithKeys([NEW_KEY])).get(CryptoService);

    const oldToken = oldOnly.encrypt('api-secret');
    expect(rotated.decrypt(oldToken)).toBe('api-secret');
    expect(newOnly.decrypt(rotated.encrypt('fresh'))).toBe('fresh');
  });

  it('says a secret no configured key can read is unreadable', async () => {
    const crypto = (await moduleWithKeys([NEW_KEY])).get(CryptoService);
    const foreign = new FernetCipher(OLD_KEY).encrypt('api-secret');
    expect(() => crypto.decrypt(foreign)).toThrow(SecretUnreadableError);
  });

  it('rotates a secret to the newest key and leaves a current one untouched', async () => {
    const crypto = (await moduleWithKeys([NEW_KEY, OLD_KEY])).get(CryptoService);
    const oldToken = new FernetCipher(OLD_KEY).encrypt('api-secret');

    const rotated = crypto.rotate(oldToken);
    expect(new FernetCipher(NEW_KEY).decrypt(rotated).toString()).toBe('api-secret');
    expect(crypto.rotate(rotated)).toBe(rotated);
  });
});

describe('SecretRotationService', () => {
  it('re-encrypts the secrets of every store under the newest key', async () => {
    const before = (await moduleWithKeys([OLD_KEY])).get(CryptoService);
    const app = await moduleWithKeys([NEW_KEY, OLD_KEY]);
    const store = app.get(InMemorySecretStore);
    store.tokens.set('alice', before.encrypt('alice-secret'));
    store.tokens.set('bob', before.encrypt('bob-secret'));
    store.tokens.set('carol', app.get(CryptoService).encrypt('carol-secret'));

    const results = await app.get(SecretRotationService).rotateAll();

    expect(results).toEqual([{ store: 'test secrets', reencrypted: 2 }]);
    const newOnly = (await moduleWithKeys([NEW_KEY])).get(CryptoService);
    expect([...store.tokens.values()].map((token) => newOnly.decrypt(token))).toEqual(['alice-secret', 'bob-secret', 'carol-secret']);
  });
});
