// exp run and exp apply write params.yaml, pipeline.lock and outs: they hold the project's repro
// lock (.pipe/repro.lock) while they do, so they never interleave with a running `pipe repro`.
import { acquireReproLock } from '../stores/repro-lock.js';
import { problem, type ExpFailure } from './failure.js';

export async function withProjectLock<T>(root: string, what: string, body: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; failure: ExpFailure }> {
  const acquired = await acquireReproLock(root);
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
