// Ctrl-C (or kill) during a push to a folder remote: the partial uploads in flight are removed,
// a line says so and names the command that finishes the job, exit 130 (SIGTERM: 143). A rerun
// finishes, and leaves no temp file on the remote.
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig, waitFor } from '../rig.js';
import { slowTempCopy } from '../slow-temp-copy.js';

/** The remote's `.tmp-*` files (uploads in flight or left behind). */
function temps(remote: string): string[] {
  try {
    return readdirSync(join(remote, 'objects'), { recursive: true, withFileTypes: true }).filter((d) => d.name.startsWith('.tmp-')).map((d) => d.name);
  } catch {
    return [];
  }
}

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  test(`${signal} during a push: its temp uploads are removed and it says how to finish`, { timeout: 60_000 }, async () => {
    // big enough that a copy is in flight for a while, one at a time (-j 1)
    const files: Record<string, string> = { 'pipeline.yaml': 'stages: {}\n' };
    const rig = makeRig(files);
    const { writeFileSync, mkdirSync } = await import('node:fs');
    mkdirSync(join(rig.dir, 'big'));
    for (let i = 1; i <= 4; i++) writeFileSync(join(rig.dir, 'big', `b${i}.bin`), randomBytes(24 << 20));
    expect((await rig.run('add', 'big')).code).toBe(0);
    const remote = join(rig.dir, 'remote');
    const { child, done } = rig.start(['push', '-j', '1', '-r', './remote'], { env: slowTempCopy() });
    await waitFor(() => temps(remote).length > 0, 30_000);
    child.kill(signal);
    const r = await done;
    expect([r.code, r.stdout, r.stderr]).toEqual([code, '', '\ninterrupted: what was already pushed stays and the partial uploads were removed; run `pipe push -j 1 -r ./remote` again to finish\n']);
    expect(temps(remote)).toEqual([]);

    const again = await rig.run('push', '-r', './remote');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^pushed \d objects? \([\d.]+ MiB\) and 0 run-cache entries to .*; already on the remote: \d objects? and 0 run-cache entries\n$/);
    expect(temps(remote)).toEqual([]);
  });
}
