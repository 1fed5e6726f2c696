// The Change column of `metrics diff` / `params diff` rounds to --precision digits after the
// point, as the values do; a change too small for that keeps two significant digits.
import { expect, test } from 'vitest';
import { formatChange } from '../../src/experiments/report/values.js';

test('changes round to the precision; tiny ones are not shown as 0', () => {
  expect(formatChange(-0.00038001)).toBe('-0.00038');
  expect(formatChange(0.0123456789)).toBe('+0.01235');
  expect(formatChange(0.0123456789, 2)).toBe('+0.01');
  expect(formatChange(-0.0000012345)).toBe('-0.0000012');
  expect(formatChange(3)).toBe('+3');
  expect(formatChange(0)).toBe('0');
  expect(formatChange(undefined)).toBe('');
});
