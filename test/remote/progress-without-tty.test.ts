// Without a TTY (CI logs) there is no bar: a long transfer prints a line of its counters every
// PROGRESS_EVERY_MS instead, and none once it is done (a short one prints none at all).
import { afterEach, expect, test, vi } from 'vitest';
import { createTransferReporter, PROGRESS_EVERY_MS } from '../../src/remote/transfer-reporter.js';

afterEach(() => vi.useRealTimers());

function pipeStream(): NodeJS.WriteStream & { text: string } {
  const s = { isTTY: false, text: '', write: (chunk: string) => ((s.text += chunk), true) };
  return s as unknown as NodeJS.WriteStream & { text: string };
}

test('a line every 10 s while objects move, with objects and bytes so far; none after done', () => {
  vi.useFakeTimers();
  const err = pipeStream();
  const r = createTransferReporter({ json: false, stream: err });
  r.onEvent({ type: 'plan', direction: 'pull', remote: '/r', objects: 3006, bytes: 240 * 1024 ** 2 });
  vi.advanceTimersByTime(PROGRESS_EVERY_MS - 1);
  expect(err.text).toBe('');
  r.onEvent({ type: 'object', hash: 'a', bytes: 1024 ** 2 });
  vi.advanceTimersByTime(1);
  expect(err.text).toBe('pull: 1 of 3006 objects (1.0 MiB of 240.0 MiB) so far\n');
  r.onEvent({ type: 'object', hash: 'b', bytes: 512 });
  vi.advanceTimersByTime(PROGRESS_EVERY_MS);
  expect(err.text.split('\n')[1]).toBe('pull: 2 of 3006 objects (1.0 MiB of 240.0 MiB) so far');
  r.onEvent({ type: 'done' });
  const before = err.text;
  vi.advanceTimersByTime(5 * PROGRESS_EVERY_MS);
  expect(err.text).toBe(before);
});

test('fetch says fetch; --json prints no progress', () => {
  vi.useFakeTimers();
  const err = pipeStream();
  const r = createTransferReporter({ json: false, stream: err, verb: 'fetched' });
  r.onEvent({ type: 'plan', direction: 'pull', remote: '/r', objects: 2, bytes: 10 });
  vi.advanceTimersByTime(PROGRESS_EVERY_MS);
  expect(err.text).toBe('fetch: 0 of 2 objects (0 B of 10 B) so far\n');
  r.failure({ code: 'io-failed', message: 'x' }); // a failed transfer stops the lines too
  const before = err.text;
  vi.advanceTimersByTime(PROGRESS_EVERY_MS);
  expect(err.text).toBe(before);
  const quiet = pipeStream();
  const j = createTransferReporter({ json: true, stream: quiet });
  j.onEvent({ type: 'plan', direction: 'push', remote: '/r', objects: 2, bytes: 10 });
  vi.advanceTimersByTime(PROGRESS_EVERY_MS);
  expect(quiet.text).toBe('');
});
