// Ctrl-C (or kill) during `pipe exp push`: as for `pipe push`, the partial uploads in flight are
// removed, a line says so and names the command that finishes the job, exit 130 (SIGTERM: 143).
// Before, it exited 130 with no word and left `.tmp-*` files on the remote.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig, waitFor } from '../rig.js';
import { slowTempCopy } from '../slow-temp-copy.js';
import { tempFolder } from './share-project.js';

/** The remote's `.tmp-*` files (uploads in flight or left behind). */
function temps(remote: string): string[] {
  try {
    return readdirSync(join(remote, 'objects'), { recursive: true, withFileTypes: true }).filter((d) => d.name.startsWith('.tmp-')).map((d) => d.name);
  } catch {
    return [];
  }
}

// four 24 MiB files: a copy is in flight for a while, one at a time (-j 1)
const gen = "const fs=require('fs'),c=require('crypto');fs.mkdirSync('big',{recursive:true});for(let i=1;i<=4;i++)fs.writeFileSync('big/b'+i+'.bin',c.randomBytes(24<<20));";

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  test(`${signal} during exp push: its temp uploads are removed and it says how to finish`, { timeout: 90_000 }, async () => {
    const remote = join(tempFolder(), 'remote');
    const rig = makeRig({ 'pipeline.yaml': 'stages:\n  gen:\n    cmd: node gen.js\n    deps: [gen.js]\n    outs: [big]\n', 'gen.js': gen });
    const ran = await rig.run('exp', 'run', '-n', 'large');
    expect([ran.code, ran.stderr]).toEqual([0, '']);
    const { child, done } = rig.start(['exp', 'push', '-j', '1', remote, 'large'], { env: slowTempCopy() });
    await waitFor(() => temps(remote).length > 0, 30_000);
    child.kill(signal);
    const r = await done;
    expect([r.code, r.stderr]).toEqual([code, `\ninterrupted: what was already pushed stays and the partial uploads were removed; run \`pipe exp push -j 1 ${remote} large\` again to finish\n`]);
    expect(temps(remote)).toEqual([]);

    const again = await rig.run('exp', 'push', remote, 'large');
    expect([again.code, again.stderr]).toEqual([0, '']);
    expect(temps(remote)).toEqual([]);
  });
}
