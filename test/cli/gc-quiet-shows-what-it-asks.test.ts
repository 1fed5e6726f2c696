// `pipe gc -q` in a terminal still asks before deleting, so it still shows what it would delete:
// -q moves those lines to stderr, beside the question, and keeps stdout empty. A question is never
// asked without the facts it is about. With -f nothing is asked, and -q prints nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { counted, makeRig, PIPE_BIN, type Rig } from '../rig.js';

async function twoRuns(): Promise<Rig> {
  const rig = makeRig({
    'in.txt': 'one\n',
    'pipeline.yaml': `stages:\n  up:\n    cmd: ${JSON.stringify(counted('up', 'tr a-z A-Z < in.txt > out.txt'))}\n    deps: [in.txt]\n    outs: [out.txt]\n`,
  });
  await rig.run('repro');
  rig.write({ 'in.txt': 'two!\n' });
  await rig.run('repro');
  return rig;
}

/** `pipe <args>` under a pseudo-terminal (util-linux `script`) for stdin and stderr, stdout to a pipe: what each got. */
function askedIn(rig: Rig, args: string, answer: string): { code: number | null; stdout: string; terminal: string } {
  // stdout goes to a file, so only what was written to stderr (the terminal) comes back from script
  const r = spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(PIPE_BIN)} ${args} > stdout.txt`, '/dev/null'], { cwd: rig.dir, input: `${answer}\n`, encoding: 'utf8' });
  return { code: r.status, stdout: rig.read('stdout.txt'), terminal: r.stdout.replace(/\r/g, '').replace(/\x1b\[[0-9;]*[A-Za-z]/g, '') };
}

test('gc -q in a terminal shows the plan on stderr before its question, and nothing on stdout', async () => {
  execFileSync('script', ['--version']); // util-linux's script is needed for a terminal
  const rig = await twoRuns();
  const no = askedIn(rig, 'gc -w -q', 'n');
  expect([no.code, no.stdout]).toEqual([0, '']);
  expect(no.terminal).toContain('Would remove 1 cache object (4 B) and 1 run-cache entry; 1 object would be kept (pipeline.lock only).\nRemove them? [y/N] ');
  expect(no.terminal).toContain('Nothing was removed.\n');
  const yes = askedIn(rig, '-q gc -w', 'y');
  expect([yes.code, yes.stdout]).toEqual([0, '']);
  expect(yes.terminal).toContain('Would remove 1 cache object (4 B) and 1 run-cache entry; 1 object would be kept (pipeline.lock only).\nRemove them? [y/N] ');
  // the outcome itself is stdout's, which -q silences
  expect(yes.terminal).not.toContain('Removed 1 cache object');
  const after = await rig.run('gc', '-w', '-n');
  expect(after.stdout).toBe('Would remove 0 cache objects (0 B) and 0 run-cache entries; 1 object would be kept (pipeline.lock only).\n');
});

test('gc -q -f asks nothing and prints nothing', async () => {
  const rig = await twoRuns();
  const r = await rig.run('gc', '-w', '-q', '-f');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
  expect((await rig.run('gc', '-w', '-n')).stdout).toBe('Would remove 0 cache objects (0 B) and 0 run-cache entries; 1 object would be kept (pipeline.lock only).\n');
});
