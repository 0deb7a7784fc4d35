import { describe, expect, it } from 'vitest';
import { kazakhMobileNumber, maskedPhone } from '../../../src/domain/phone/phone-number.ts';

describe('kazakhMobileNumber', () => {
  it.each([
    '+77012345678',
    '+7 701 234 56 78',
    '+7 (701) 234-56-78',
    '+7(701)234-56-78',
    '87012345678',
    '8 (701) 234-56-78',
    '8-701-234-56-78',
    '77012345678',
    '7012345678',
    '701.234.56.78',
    ' +7 701 2345678 ',
  ])('reads «%s» as +77012345678', (typed) => {
    expect(kazakhMobileNumber(typed)).toBe('+77012345678');
  });

  it('keeps the operator code it was given', () => {
    expect(kazakhMobileNumber('8 747 000 11 22')).toBe('+77470001122');
    expect(kazakhMobileNumber('+7 (777) 999-00-11')).toBe('+77779990011');
  });

  it.each([
    ['nothing', ''],
    ['too short', '+7 701 234 56 7'],
    ['too long', '+7 701 234 56 789'],
    ['a Russian mobile (+7 9XX)', '+7 (901) 234-56-78'],
    ['a Russian mobile typed with 8', '89012345678'],
    ['another country', '+998 90 123 45 67'],
    ['a plus before 8', '+87012345678'],
    ['letters', '+7 701 ABC 56 78'],
    ['words', 'мой номер'],
    ['two numbers', '+77012345678, +77012345679'],
  ])('refuses %s', (_case, typed) => {
    expect(kazakhMobileNumber(typed)).toBeUndefined();
  });
});

describe('maskedPhone', () => {
  it('shows the operator code and the last two digits only', () => {
    expect(maskedPhone('+77012345678')).toBe('+7 701 ***-**-78');
    expect(maskedPhone('+77470001122')).toBe('+7 747 ***-**-22');
  });

  it('hides the digits in between', () => {
    const masked = maskedPhone('+77012345678');
    expect(masked).not.toMatch(/2345|456/);
    expect(masked.replace(/\D/g, '')).toBe('770178');
  });
});
