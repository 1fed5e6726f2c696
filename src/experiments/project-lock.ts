// exp run and exp apply write params.yaml, pipeline.lock and outs: they hold the project's repro
// lock (.pipe/repro.lock) while they do, so they never interleave with a running `pipe repro`;
// taking it stops what a killed repro left running (engine/project-lock.ts), a note each to `emit`.
import { lockProject, type EventSink } from '../engine/index.js';
import { problem, type ExpFailure } from './failure.js';

export async function withProjectLock<T>(root: string, what: string, body: () => Promise<T>, emit?: EventSink): Promise<{ ok: true; value: T } | { ok: false; failure: ExpFailure }> {
  const acquired = await lockProject(root, emit === undefined ? {} : { emit });
  if (!acquired.ok) {
    const by = acquired.lockedBy > 0 ? ` (locked by pid ${acquired.lockedBy})` : '';
    return { ok: false, failure: problem(`cannot ${what}: another pipe command is running in this project${by}`, { hint: 'wait for it to finish, then try again' }) };
  }
  try {
    return { ok: true, value: await body() };
  } finally {
    acquired.lock.release();
  }
}
