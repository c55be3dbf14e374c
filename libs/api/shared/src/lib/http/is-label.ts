import { registerDecorator, ValidationArguments } from 'class-validator';

/**
 * Characters that change how text around them is shown without being seen themselves: control characters,
 * line and paragraph separators, and the bidirectional controls (U+202E turns `txt.exe` into `exe.txt` on
 * screen), with which a label could pass itself off as another.
 */
const HIDDEN_CHARACTERS = /[\p{Cc}\p{Zl}\p{Zp}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/** What is wrong with `value` as a label of at most `maxLength` characters, or null. */
export function labelProblem(value: unknown, maxLength: number): string | null {
  if (typeof value !== 'string') return 'must be text';
  if (value.trim() === '') return 'must not be empty or only spaces';
  if ([...value].length > maxLength) return `must be at most ${maxLength} characters`;
  if (HIDDEN_CHARACTERS.test(value)) return 'must not contain control or text-direction characters';
  return null;
}

/**
 * A name a user gives to something and other people or screens show (an account's label): text of 1 to
 * `maxLength` characters with something besides spaces in it, and none of the characters that hide or reorder
 * text. The field is named in the 400 like any other.
 */
export function IsLabel(maxLength: number): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isLabel',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => labelProblem(value, maxLength) === null,
        defaultMessage: (args?: ValidationArguments) => labelProblem(args?.value, maxLength) ?? 'is not a valid label',
      },
    });
}
