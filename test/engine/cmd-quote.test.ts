// `${key}` in a cmd is quoted for where it stands: shell-quoted outside quotes, escaped for "..."
// inside double quotes, pasted (with ' as '\'') inside single quotes. The scanner that finds the
// context, then round trips through /bin/sh: every value reaches the program unchanged.
import { spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { quoteContexts, quoteIn } from '../../src/engine/cmd-quote.js';
import { interpolateCmd } from '../../src/engine/params.js';

const REF = /\$\{\s*([A-Za-z0-9_.-]+)\s*\}/g;

test.each([
  ['echo ${a}', ['bare']],
  ['echo "${a}"', ['double']],
  ["echo '${a}'", ['single']],
  ['echo ${a}${b}', ['bare', 'bare']],
  ['echo "${a}"${b}', ['double', 'bare']],
  ["echo '${a}'\"${b}\"${c}", ['single', 'double', 'bare']],
  // a backslash-escaped quote outside quotes opens nothing
  ['echo \\"${a} \\\'${b}', ['bare', 'bare']],
  // an escaped quote inside double quotes does not close them
  ['echo "x \\" ${a}" ${b}', ['double', 'bare']],
  // quotes of the other kind are plain characters inside quotes
  ["echo \"it's ${a}\" ${b}", ['double', 'bare']],
  ["echo 'say \"hi\" ${a}' ${b}", ['single', 'bare']],
  ["echo \"'${a}'\"", ['double']],
  // command substitution starts a new unquoted text, inside double quotes too
  ['echo "$(cat "${a}") ${b}"', ['double', 'double']],
  ['echo "$(basename ${a})"', ['bare']],
  ['echo "$(f $((1 + 2)) ${a}) ${b}"', ['bare', 'double']],
  ['echo "`echo ${a}`" ${b}', ['bare', 'bare']],
  ["echo `printf '%s' '${a}'` ${b}", ['single', 'bare']],
  // a comment's apostrophe opens nothing; a # inside a word is no comment
  ["# don't\necho \"${a}\"", ['double']],
  ["echo a#b '${a}'", ['single']],
  ['echo x # "${a}\necho ${b}', ['bare', 'bare']],
  // a value is a word: a # right after it is part of the word, not a comment
  ["echo ${a}#'${b}'", ['bare', 'single']],
  ['echo ${ a } "${ b }"', ['bare', 'double']],
  ['python t.py --msg "${msg}" --lr ${lr} --tag \'${tag}\'', ['double', 'bare', 'single']],
] as const)('%j: %j', (cmd, contexts) => {
  expect(quoteContexts(cmd, REF)).toEqual(contexts);
});

test('what each context escapes', () => {
  const value = `it's "a" $HOME \`id\` back\\slash`;
  expect(quoteIn('bare', value)).toBe(`'it'\\''s "a" $HOME \`id\` back\\slash'`);
  expect(quoteIn('double', value)).toBe(`it's \\"a\\" \\$HOME \\\`id\\\` back\\\\slash`);
  expect(quoteIn('single', value)).toBe(`it'\\''s "a" $HOME \`id\` back\\slash`);
  // a plain word stays bare, and the empty value is still one word
  expect(quoteIn('bare', 'data/my-file_2.csv')).toBe('data/my-file_2.csv');
  expect(quoteIn('bare', '')).toBe(`''`);
});

test('a cmd without quotes around ${...} renders as before', () => {
  const values = new Map<string, unknown>([['item', 42], ['lr', 0.001], ['name', 'my run']]);
  expect(interpolateCmd('node --import tsx stages/train.ts --seed ${item}', values)).toBe('node --import tsx stages/train.ts --seed 42');
  expect(interpolateCmd('train --lr ${lr} --name ${name}', values)).toBe(`train --lr 0.001 --name 'my run'`);
  expect(interpolateCmd('echo "${name}" \'${name}\' ${name}', values)).toBe(`echo "my run" 'my run' 'my run'`);
});

const VALUES = [
  'plain',
  "it's x",
  'a "quoted" word',
  '$HOME and `id` and $(id)',
  'back\\slash\\',
  'line one\nline two',
  '  spaces  around ',
  '*',
  "'",
  '"',
  '',
];
const TEMPLATES = [
  `printf '[%s]' \${v}`,
  `printf '[%s]' "\${v}"`,
  `printf '[%s]' '\${v}'`,
  `printf '[%s]' "$(printf '%s' "\${v}")"`,
  `printf '[%s]' x\${v}"\${v}"'\${v}'y`,
];

test.each(TEMPLATES)('every value reaches the program unchanged through /bin/sh: %s', (template) => {
  for (const v of VALUES) {
    const cmd = interpolateCmd(template, new Map([['v', v]]));
    const r = spawnSync('/bin/sh', ['-c', cmd], { encoding: 'utf8' });
    const once = template.includes('x${v}') ? `x${v}${v}${v}y` : v;
    expect([r.status, r.stdout, cmd]).toEqual([0, `[${once}]`, cmd]);
  }
});
