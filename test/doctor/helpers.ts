// Shared by the `pipe doctor` tests: its --json report, parsed.
import { expect } from 'vitest';
import type { DoctorReport } from '../../src/doctor/report.js';
import type { Rig, RunOptions } from '../rig.js';

/** `pipe doctor --json [args]` in the rig (exit 0, nothing on stderr), parsed. */
export async function doctorReport(rig: Rig, options: RunOptions = {}, ...args: string[]): Promise<DoctorReport> {
  const r = await rig.runWith(options, 'doctor', '--json', ...args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as DoctorReport;
}

/** A project of two cached stages: `a.txt` (6 bytes) and the folder `out/` (two files, 2 and 3 bytes). */
export const TWO_STAGES = `stages:
  a:
    cmd: printf 'hello\\n' > a.txt
    outs: [a.txt]
  b:
    cmd: mkdir -p out && printf 'xy' > out/x && printf 'abc' > out/y
    deps: [a.txt]
    outs: [out]
`;
