// The "already validated" stamp in .pipe/ is kept per schema revision: another pipe build's stamp
// (another revision, used on the same project in turn) neither counts nor gets overwritten.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { isStamped, stampOf, writeStamp } from '../../src/engine/validation-stamp.js';
import { SCHEMA_REVISION } from '../../src/engine/schema.js';

test('a stamp per revision, next to any other revision\'s', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-stamp-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, '.pipe'));
  // an older build's stamp (one file for all revisions, as before)
  writeFileSync(join(dir, '.pipe', 'validated'), 'older');
  const stamp = stampOf('stages: {}\n');
  expect(isStamped(dir, stamp)).toBe(false);
  writeStamp(dir, stamp);
  expect(isStamped(dir, stamp)).toBe(true);
  expect(readFileSync(join(dir, '.pipe', `validated-${SCHEMA_REVISION}`), 'utf8')).toBe(stamp);
  expect(readFileSync(join(dir, '.pipe', 'validated'), 'utf8')).toBe('older');
  expect(existsSync(join(dir, '.pipe', `validated-${SCHEMA_REVISION + 1}`))).toBe(false);
});
