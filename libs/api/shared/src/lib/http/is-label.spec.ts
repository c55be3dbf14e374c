import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsLabel } from './is-label';

class Named {
  @IsLabel(8)
  label!: string;
}

const problemWith = (label: unknown) => validateSync(plainToInstance(Named, { label }))[0]?.constraints?.['isLabel'];

describe('IsLabel', () => {
  it('accepts text of 1 to the maximum characters, counting characters rather than UTF-16 units', () => {
    expect([problemWith('Binance'), problemWith('x'), problemWith('Café ✓'), problemWith('🚀🚀🚀🚀🚀🚀🚀🚀')]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('refuses an empty or whitespace-only label', () => {
    for (const label of ['', ' ', '   ', '\u3000', '\u00a0 ']) expect(problemWith(label)).toBe('must not be empty or only spaces');
  });

  it('refuses bidirectional controls, control characters and line separators', () => {
    for (const label of ['abc\u202Etxt', '\u2066x\u2069', 'a\u200Fb', 'tab\there', 'new\nline', 'nul\u0000', 'a\u2028b']) {
      expect(problemWith(label)).toBe('must not contain control or text-direction characters');
    }
  });

  it('refuses what is not text, or is too long', () => {
    expect(problemWith(42)).toBe('must be text');
    expect(problemWith(null)).toBe('must be text');
    expect(problemWith('123456789')).toBe('must be at most 8 characters');
  });
});
