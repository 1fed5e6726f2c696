// A stage whose command leaves a process running in the background that holds its output (`server
// &`): pipe goes on a few seconds after the command exits (it waited for the process to end, for
// good with a server), warns, and leaves the process running, as DVC returns when the command
// exits. A background process whose output goes elsewhere is not waited for at all.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

function stop(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone already
  }
}

test('the stage finishes soon after its command exits; a warning names the background processes', async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:
  s:
    cmd: ${JSON.stringify(counted('s', 'sleep 60 & echo $! > bg.pid; echo done > o.txt'))}
    outs: [o.txt]
`,
  });
  const started = Date.now();
  const r = await rig.run('repro');
  const pid = Number(rig.read('bg.pid'));
  try {
    expect(r.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.stderr).toMatch(
      /^warning: s: its command exited, but processes it started in the background still hold its output \(process group \d+\): pipe went on without waiting for them and left them running; send their output elsewhere \(`server > server\.log 2>&1 &`\) to stop this warning$/m,
    );
    expect(r.stdout).toMatch(/^s: ran \(\d+\.\ds\)\n1 ran\.\n$/m);
    // left running, as DVC leaves it
    expect(() => process.kill(pid, 0)).not.toThrow();
    expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  } finally {
    stop(pid);
  }
});

test('a background process with its output elsewhere: no wait, no warning', async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:
  s:
    cmd: ${JSON.stringify(counted('s', 'sleep 60 > /dev/null 2>&1 & echo $! > bg.pid; echo done > o.txt'))}
    outs: [o.txt]
`,
  });
  const r = await rig.run('repro');
  const pid = Number(rig.read('bg.pid'));
  try {
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/warning/);
    // well under the 3 s a process holding the output is waited for (a loaded machine may take a second)
    expect(r.stdout).toMatch(/^s: ran \([0-2]\.\ds\)$/m);
  } finally {
    stop(pid);
  }
});
