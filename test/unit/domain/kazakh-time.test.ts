import { describe, expect, it } from 'vitest';
import { displayTime } from '../../../src/domain/kazakh-time.ts';

describe("Kazakhstan's time", () => {
  it('prints Kazakhstan time, UTC+5 since the clocks went back on 1 March 2024', () => {
    expect(displayTime(new Date('2026-11-22T22:28:00Z'))).toBe('23.11.2026 03:28');
    expect(displayTime(new Date('2024-02-29T18:00:00Z'))).toBe('29.02.2024 23:00');
  });

  it('prints UTC+6 before that, as Almaty kept it', () => {
    expect(displayTime(new Date('2024-02-29T17:59:00Z'))).toBe('29.02.2024 23:59');
    expect(displayTime(new Date('2010-07-01T00:05:00Z'))).toBe('01.07.2010 06:05');
  });
});
