// The JSON reader of metrics and plots files and experiment records: what JSON.parse takes reads
// as it does; Python's NaN/Infinity/-Infinity are numbers; anything else that JSON.parse refuses
// is refused too, with the line and column of the first error; the writer gives those words back.
import { expect, test } from 'vitest';
import { parseJsonData, stringifyJsonData } from '../../src/experiments/json-data.js';

test("Python's non-finite words are numbers, outside strings only", () => {
  const r = parseJsonData('{"loss": NaN, "acc": 0.1, "lo": -Infinity, "hi": [Infinity], "s": "NaN, Infinity", "__proto__": 1}');
  expect(r.ok).toBe(true);
  if (!r.ok) return;
  expect(r.value).toEqual({ loss: Number.NaN, acc: 0.1, lo: -Infinity, hi: [Infinity], s: 'NaN, Infinity', ['__proto__']: 1 });
  expect(Object.getPrototypeOf(r.value)).toBe(Object.prototype);
  expect(Object.keys(r.value as object)).toEqual(['loss', 'acc', 'lo', 'hi', 's', '__proto__']);
});

test.each([
  ['{"loss": 0.3,\n "acc": }\n', 2, 9, "expected a value, found '}'"],
  ['{bad', 1, 2, "expected a property name in double quotes, found 'b'"],
  ['{"a": nan}', 1, 7, "expected a value, found 'n'"],
  ['{"a": NaN,}', 1, 11, "expected a property name in double quotes, found '}'"],
  ['[1, 2,]', 1, 7, "expected a value, found ']'"],
  ['{"a": 01}', 1, 8, "expected ',' or '}' after a property value, found '1'"],
  ['{"a": 1} x', 1, 10, "unexpected 'x' after the value"],
  ['{"a": "x\ny"}', 1, 9, 'control character in a string (write it as an escape, \\n, \\t, \\u0000)'],
  ['["\\x"]', 1, 3, 'bad escape in a string: "\\\\x"'],
  ['{"a": "open', 1, 7, 'string not closed before the end of the file'],
  ['{"a": NaN', 1, 10, "expected ',' or '}' after a property value, found the end of the file"],
  ["{'a': 1}", 1, 2, "expected a property name in double quotes, found '''"],
  ['{"a" 1}', 1, 6, "expected ':' after the property name, found '1'"],
  ['[Infinity -1]', 1, 11, "expected ',' or ']' after an array item, found '-'"],
  ['', 1, 1, 'expected a value, found the end of the file'],
])('%j is refused at %i:%i', (text, line, col, message) => {
  expect(parseJsonData(text)).toEqual({ ok: false, line, col, message });
});

test('the writer gives JSON.stringify text, with the words for non-finite numbers', () => {
  const plain = { a: [1, 'NaN'], b: { c: null, d: 'x' } };
  expect(stringifyJsonData(plain, 2)).toBe(JSON.stringify(plain, null, 2));
  const v = { loss: Number.NaN, s: 'Infinity', lo: [-Infinity, Infinity] };
  const text = stringifyJsonData(v, 2);
  expect(text).toBe('{\n  "loss": NaN,\n  "s": "Infinity",\n  "lo": [\n    -Infinity,\n    Infinity\n  ]\n}');
  expect(parseJsonData(text)).toEqual({ ok: true, value: v });
});
