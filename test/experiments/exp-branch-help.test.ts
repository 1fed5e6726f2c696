// `pipe exp branch --help` says what the commit holds, as the README and `git show` do: not the
// experiment's record, which stays untracked in the workspace it was made in.
import { expect, test } from 'vitest';
import { pipe, tempDir } from './helpers.js';

test('the help names what the commit holds and says the record stays out', () => {
  const { dir, cleanup } = tempDir();
  try {
    const r = pipe(dir, 'exp', 'branch', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain(
      'make a git branch of an experiment: one commit on the commit it ran on, with its params files, .pipe files, pipeline.lock, `cache: false` outputs and .gitignore lines; its record stays out of it, untracked where it is (the workspace is not touched)',
    );
  } finally {
    cleanup();
  }
});
