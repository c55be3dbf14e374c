import { ValidationOptions, registerDecorator } from 'class-validator';

/** At most `bytes` bytes of UTF-8: no password can be longer, as bcrypt reads no further. */
export function MaxBytes(bytes: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'maxBytes',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `must be at most ${bytes} bytes`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && Buffer.byteLength(value) <= bytes },
    });
}
