export * from './lib/crypto.module';
export * from './lib/crypto.service';
export * from './lib/fernet-cipher';
export * from './lib/secret-rotation.service';
