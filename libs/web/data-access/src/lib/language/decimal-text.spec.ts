import { decimalInput, decimalText, groupDigits } from './decimal-text';

describe('decimalInput', () => {
  it('reads French decimal commas and spaced thousands as the decimal the API reads', () => {
    expect(decimalInput('0,01', 'fr')).toBe('0.01');
    expect(decimalInput(' 98 000,5 ', 'fr')).toBe('98000.5');
    expect(decimalInput('98\u00a0000,5', 'fr')).toBe('98000.5');
    expect(decimalInput('98\u202f000,5', 'fr')).toBe('98000.5');
  });

  it('still takes a decimal point in French', () => {
    expect(decimalInput('0.01', 'fr')).toBe('0.01');
  });

  it('leaves what cannot be a number for the checks to refuse', () => {
    expect(decimalInput('1,2,3', 'fr')).toBe('1.2,3');
    expect(decimalInput('abc', 'fr')).toBe('abc');
  });

  it('reads English as typed, only trimmed', () => {
    expect(decimalInput(' 0.01 ', 'en')).toBe('0.01');
    expect(decimalInput('0,01', 'en')).toBe('0,01');
  });
});

describe('decimalText', () => {
  it('writes the decimal mark of the language and keeps every digit', () => {
    expect(decimalText('98000.000123', 'fr')).toBe('98000,000123');
    expect(decimalText('98000.000123', 'en')).toBe('98000.000123');
  });
});

describe('groupDigits', () => {
  it('groups the whole part by thousands and keeps every decimal', () => {
    expect(groupDigits('98000', 'en')).toBe('98,000');
    expect(groupDigits('1234567.000123', 'en')).toBe('1,234,567.000123');
    expect(groupDigits('0.5', 'en')).toBe('0.5');
  });

  it('groups with narrow no-break spaces and a decimal comma in French, as Angular formats numbers there', () => {
    expect(groupDigits('10000.5', 'fr')).toBe('10\u202f000,5');
    expect(groupDigits('1234567.000123', 'fr')).toBe('1\u202f234\u202f567,000123');
  });
});
