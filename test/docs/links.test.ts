// Every relative link in the project's Markdown leads somewhere: the docs move text between
// files (README → docs/experiments.md), and a link left pointing at the old place is the
// first thing a reader trips on.
import { mkdtempSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { brokenLinks } from './doc-links.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test("the project's README, BENCHMARKS and docs have no broken relative link or anchor", () => {
  const docs = readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join(ROOT, 'docs', f));
  const files = [join(ROOT, 'README.md'), join(ROOT, 'BENCHMARKS.md'), ...docs];
  expect(docs.length).toBeGreaterThan(0);
  expect(brokenLinks(ROOT, files)).toEqual([]);
});

test('a missing file, a missing anchor and a renamed heading are each reported with file and line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-links-'));
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, 'docs', 'log.md'), '# Log\n\n## The data (`split`)\n\n## Runs\n\n## Runs\n');
  writeFileSync(
    join(dir, 'README.md'),
    [
      '# Title',
      'See [the log](docs/log.md#the-data-split), [runs](docs/log.md#runs-1) and [top](#title).',
      'Gone: [old](docs/old.md), [moved](docs/log.md#results), [self](#results).',
      '`[not a link](nowhere.md)` and [web](https://example.com/x#y).',
      '```',
      '[in a code block](nowhere.md)',
      '```',
    ].join('\n'),
  );
  expect(brokenLinks(dir, [join(dir, 'README.md')])).toEqual([
    { where: 'README.md:3', target: 'docs/old.md', why: 'no such file' },
    { where: 'README.md:3', target: 'docs/log.md#results', why: 'no heading of docs/log.md has this anchor' },
    { where: 'README.md:3', target: '#results', why: 'no heading of README.md has this anchor' },
  ]);
});
