// The text `--json` prints for metrics and params (metrics show/diff, params diff, exp show,
// exp pairs). JSON has no number for NaN or ±Infinity: JSON.stringify writes null, which loses
// what the value was (a diverged run's NaN loss reads as a missing one), and the bare words that
// experiment records and Python's json.dump write are refused by JSON.parse and read by jq as
// null and 1.7976931348623157e+308. So each is printed as a string, "NaN", "Infinity" or
// "-Infinity" (as protobuf's JSON mapping writes them): every JSON parser reads the output, jq
// passes it through unchanged, and Number() in JavaScript or float() in Python gives the number back.

import { nonFiniteWord } from '../json-data.js';

/** JSON.stringify(value, null, 2), except that a non-finite number is written as its string. */
export function jsonOutput(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? nonFiniteWord(v) : v), 2);
}
