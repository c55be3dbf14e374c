import { Transform } from 'class-transformer';

/**
 * A query parameter that must be a whole number written in plain digits. `Number()` would read "0x2" as 2, "1e20"
 * and "9223372036854775807" as numbers no database takes, and "" as 0; those stay text here, so the validators
 * refuse them with a 400 naming the field. Fifteen digits keep every accepted value exact.
 */
export const WholeNumberQuery = () => Transform(({ value }) => (typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value));
