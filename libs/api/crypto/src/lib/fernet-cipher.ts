import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Fernet (https://github.com/fernet/spec) on node:crypto.
 *
 * Why not the npm `fernet` package: measured against the official vectors it accepts 3 of the 8 invalid tokens
 * (block size, padding, IV), applies a 60 s TTL by default and depends on the discontinued crypto-js 3.
 * This class passes every vector and reads tokens written by Python's `cryptography.fernet`.
 */
export class FernetCipher {
  private static readonly VERSION = 0x80;
  private static readonly HEADER_BYTES = 1 + 8 + 16;
  private static readonly HMAC_BYTES = 32;
  private static readonly BLOCK_BYTES = 16;
  /** Same tolerance as Python's implementation, applied only when a TTL is asked for. */
  private static readonly MAX_CLOCK_SKEW_SECONDS = 60;

  private readonly signingKey: Buffer;
  private readonly encryptionKey: Buffer;

  constructor(key: string) {
    const raw = FernetCipher.decodeKey(key);
    this.signingKey = raw.subarray(0, 16);
    this.encryptionKey = raw.subarray(16);
  }

  /** A fresh random key in the format Python's `Fernet.generate_key()` produces. */
  static generateKey(): string {
    return randomBytes(32).toString('base64url') + '=';
  }

  /** Throws {@link InvalidFernetKeyError} unless `key` is 32 bytes of url-safe base64. */
  static decodeKey(key: string): Buffer {
    const raw = strictBase64UrlDecode(key.trim());
    if (raw === null || raw.length !== 32) {
      throw new InvalidFernetKeyError();
    }
    return raw;
  }

  encrypt(plaintext: string | Buffer, at: Date = new Date(), iv: Buffer = randomBytes(16)): string {
    const cipher = createCipheriv('aes-128-cbc', this.encryptionKey, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const header = Buffer.alloc(FernetCipher.HEADER_BYTES);
    header.writeUInt8(FernetCipher.VERSION, 0);
    header.writeBigUInt64BE(BigInt(Math.floor(at.getTime() / 1000)), 1);
    iv.copy(header, 9);
    const signed = Buffer.concat([header, ciphertext]);
    return Buffer.concat([signed, this.sign(signed)]).toString('base64url') + padding(signed.length + 32);
  }

  /**
   * Returns the plaintext, or throws {@link InvalidFernetTokenError}. Without `ttlSeconds` the token never
   * expires: Lilux stores secrets at rest, where age is no reason to refuse them.
   */
  decrypt(token: string, options: { ttlSeconds?: number; now?: Date } = {}): Buffer {
    const data = strictBase64UrlDecode(token);
    if (data === null) throw new InvalidFernetTokenError('not url-safe base64');
    const minimum = FernetCipher.HEADER_BYTES + FernetCipher.BLOCK_BYTES + FernetCipher.HMAC_BYTES;
    if (data.length < minimum) throw new InvalidFernetTokenError('too short');
    if (data[0] !== FernetCipher.VERSION) throw new InvalidFernetTokenError('unknown version');

    const signed = data.subarray(0, data.length - FernetCipher.HMAC_BYTES);
    const mac = data.subarray(data.length - FernetCipher.HMAC_BYTES);
    if (!timingSafeEqual(mac, this.sign(signed))) throw new InvalidFernetTokenError('bad signature');

    const ciphertext = signed.subarray(FernetCipher.HEADER_BYTES);
    if (ciphertext.length % FernetCipher.BLOCK_BYTES !== 0) {
      throw new InvalidFernetTokenError('ciphertext is not a whole number of blocks');
    }
    if (options.ttlSeconds !== undefined) {
      this.checkAge(signed, options.ttlSeconds, options.now ?? new Date());
    }

    const iv = signed.subarray(9, FernetCipher.HEADER_BYTES);
    try {
      const decipher = createDecipheriv('aes-128-cbc', this.encryptionKey, iv);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    } catch {
      throw new InvalidFernetTokenError('bad padding');
    }
  }

  private checkAge(signed: Buffer, ttlSeconds: number, now: Date): void {
    const issuedAt = Number(signed.readBigUInt64BE(1));
    const nowSeconds = Math.floor(now.getTime() / 1000);
    if (issuedAt + ttlSeconds < nowSeconds) throw new InvalidFernetTokenError('expired');
    if (nowSeconds + FernetCipher.MAX_CLOCK_SKEW_SECONDS < issuedAt) {
      throw new InvalidFernetTokenError('timestamp is in the future');
    }
  }

  private sign(data: Buffer): Buffer {
    return createHmac('sha256', this.signingKey).update(data).digest();
  }
}

export class InvalidFernetKeyError extends Error {
  constructor() {
    super('must be 32 bytes encoded as url-safe base64 (44 characters), e.g. from Fernet.generate_key()');
    this.name = 'InvalidFernetKeyError';
  }
}

export class InvalidFernetTokenError extends Error {
  constructor(reason: string) {
    super(`invalid Fernet token: ${reason}`);
    this.name = 'InvalidFernetTokenError';
  }
}

const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;

/** Node's decoder skips characters it does not know; a token with any of them must be refused instead. */
function strictBase64UrlDecode(text: string): Buffer | null {
  if (!BASE64URL.test(text) || text.replace(/=+$/, '').length % 4 === 1) return null;
  return Buffer.from(text, 'base64url');
}

function padding(byteLength: number): string {
  return '='.repeat((3 - (byteLength % 3)) % 3);
}
