import { describe, expect, it } from 'vitest';
import { createTransferReporter } from '../../src/remote/transfer-reporter.js';

/** A stand-in for process.stderr that records what is written. */
function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const s = {
    isTTY,
    columns: 100,
    text: '',
    write(chunk: string) {
      s.text += chunk;
      return true;
    },
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
    on: () => s,
    removeListener: () => s,
  };
  return s as unknown as NodeJS.WriteStream & { text: string };
}

describe('transfer progress', () => {
  it('draws a bar for a large transfer on a TTY', () => {
    const err = fakeStream(true);
    const r = createTransferReporter({ json: false, stream: err });
    r.onEvent({ type: 'plan', direction: 'pull', remote: '/r', objects: 3, bytes: 50e6 });
    r.onEvent({ type: 'object', hash: 'a', bytes: 25e6 });
    r.onEvent({ type: 'object', hash: 'b', bytes: 25e6 });
    r.onEvent({ type: 'done' });
    expect(err.text).toContain('pull');
    expect(err.text).toContain('50/50 MB');
  });

  it('prints no bar off a TTY, for small transfers, or with --json', () => {
    for (const [tty, bytes, json] of [[false, 50e6, false], [true, 1000, false], [true, 50e6, true]] as const) {
      const err = fakeStream(tty);
      const r = createTransferReporter({ json, stream: err });
      r.onEvent({ type: 'plan', direction: 'push', remote: '/r', objects: 2, bytes });
      r.onEvent({ type: 'object', hash: 'a', bytes });
      r.onEvent({ type: 'done' });
      expect(err.text).toBe('');
    }
  });
});
