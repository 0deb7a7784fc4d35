import { describe, expect, it } from 'vitest';
import { isValidKzId, kzCheckDigit } from '../../../src/domain/participants/kz-id.ts';

// The vectors of reference/kz-portals.md §1.5.
describe('IIN/BIN check digit', () => {
  it('accepts issued IINs and BINs, those decided in the second pass included', () => {
    const iins = ['871008401427', '760212350620', '800416100254', '830717350867', '061211600012', '900101300106', '900101400102', '050505500205', '010101612409'];
    const bins = ['940140000385', '950341000052', '961141000023', '070941024691', '240140001208'];
    for (const value of [...iins, ...bins]) expect(isValidKzId(value), value).toBe(true);
  });

  it('computes the second pass when the first gives 10', () => {
    expect(kzCheckDigit('83071735086')).toBe(7);
    expect(kzCheckDigit('96114100002')).toBe(3);
  });

  it('refuses a wrong check digit, the identifiers of the NCA test certificates among them', () => {
    for (const value of ['871008401428', '940140000380', '123456789011', '123456789012', '123456789021']) expect(isValidKzId(value), value).toBe(false);
  });

  it('refuses numbers that are never issued rather than taking 0 for their check digit (the OKPO rule)', () => {
    expect(kzCheckDigit('00081315989')).toBeNull();
    expect(kzCheckDigit('82121424009')).toBeNull();
    expect(isValidKzId('000813159890')).toBe(false);
    expect(isValidKzId('821214240092')).toBe(false);
  });

  it('refuses anything but 12 digits', () => {
    for (const value of ['', '87100840142', '8710084014270', '8710084014a7', ' 871008401427', '８７１００８４０１４２７']) expect(isValidKzId(value), value).toBe(false);
    expect(() => kzCheckDigit('8710084014')).toThrow(TypeError);
  });
});
