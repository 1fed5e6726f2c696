// scripts/script-args.mjs: the command-line parsing every npm-run script of bench/ and scripts/
// shares. Run in a child process, as the scripts are: --help and usage errors end the process.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import { testTimeLeftMs } from '../processes.js';
import { REPO } from '../rig.js';

const USAGE = 'usage: npm run demo -- [--runs N] [--json] [FILE]';

/** A tiny script on the module: prints what it parsed as JSON. */
function demo(...args: string[]) {
  const mod = pathToFileURL(join(REPO, 'scripts/script-args.mjs')).href;
  const code = `
    import { parseScriptArgs, usageError } from ${JSON.stringify(mod)};
    const usage = ${JSON.stringify(USAGE)};
    const { values, positionals } = parseScriptArgs({
      name: 'demo', usage, allowPositionals: true, maxPositionals: 1, args: process.argv.slice(1), // node -e: no script path in argv
      options: { runs: { type: 'string', default: '3' }, json: { type: 'boolean', default: false } },
    });
    if (!(Number(values.runs) >= 1)) usageError('demo', usage, '--runs needs a positive integer, got ' + JSON.stringify(values.runs));
    console.log(JSON.stringify({ values, positionals }));`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', code, '--', ...args], { encoding: 'utf8', timeout: testTimeLeftMs() });
}

test('parses options, defaults and positionals', () => {
  const r = demo('--runs', '5', 'a.txt', '--json');
  expect(r.stderr).toBe('');
  expect(JSON.parse(r.stdout)).toEqual({ values: { runs: '5', json: true }, positionals: ['a.txt'] });
  expect(JSON.parse(demo().stdout)).toEqual({ values: { runs: '3', json: false }, positionals: [] });
});

test.each([['--help'], ['-h']])('%s: the usage line on stdout, exit 0', (flag) => {
  const r = demo('--runs', '0', flag);
  expect(r.stdout).toBe(`${USAGE}\n`);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});

test.each([
  [['--views'], "unknown option '--views'"],
  [['-x'], "unknown option '-x'"],
  [['--runs'], '--runs needs a value'],
  [['--runs', '--json'], '--runs needs a value'],
  [['--json=1'], '--json takes no value'],
  [['a', 'b'], '1 argument at most, got 2: a b'],
  // a value may start with '-': the script's own check says what is wrong with it
  [['--runs', '-1'], '--runs needs a positive integer, got "-1"'],
])('%j: `demo: <problem>` and the usage line on stderr, exit 2', (args, problem) => {
  const r = demo(...args);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(`demo: ${problem}\n${USAGE}\n`);
  expect(r.status).toBe(2);
});
