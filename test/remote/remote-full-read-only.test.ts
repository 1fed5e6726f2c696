// A full remote, and one pipe may not write to, get the step that helps: free space (a rerun
// alone fails the same way), or write access (the path is right). A full disk and a read-only
// mount cannot be made in a test without root, so the file-system errors are handed in as Node
// raises them (the wording was checked against a real 1 MiB tmpfs, then remounted read-only).
import fs from 'node:fs';
import { afterEach, expect, test, vi } from 'vitest';
import { remoteErrorsAsFailure } from '../../src/remote/sync.js';
import { DirTransport } from '../../src/remote/dir-transport.js';
import { remoteUnusable } from '../../src/remote/config.js';
import { tempDir } from './helpers.js';

afterEach(() => vi.restoreAllMocks());

function fsError(code: string, message: string, extra: Record<string, string> = {}): Error {
  return Object.assign(new Error(message), { code, syscall: 'copyfile', ...extra });
}

test('ENOSPC during a push: the remote is full, free space there, then rerun', async () => {
  const r = await remoteErrorsAsFailure(async () => {
    throw fsError('ENOSPC', "ENOSPC: no space left on device, copyfile 'a' -> 'r/objects/ab/.tmp-x'");
  }, 'push');
  expect(r).toEqual({ ok: false, failure: { code: 'io-failed', message: "the transfer stopped: ENOSPC: no space left on device, copyfile 'a' -> 'r/objects/ab/.tmp-x'; the remote is full: free space there, then run the command again (what was already transferred stays)" } });
});

test('EACCES during a push: no write permission on the path written', async () => {
  const r = await remoteErrorsAsFailure(async () => {
    throw fsError('EACCES', "EACCES: permission denied, copyfile 'a' -> 'r/objects/ab/.tmp-x'", { dest: 'r/objects/ab/.tmp-x' });
  }, 'push');
  expect(r.ok ? '' : r.failure.message).toBe("the transfer stopped: EACCES: permission denied, copyfile 'a' -> 'r/objects/ab/.tmp-x'; no write permission on r/objects/ab/.tmp-x: a push needs write access to the remote: ask its owner for access, or push to another remote (what was already transferred stays)");
});

test('a read-only or unwritable remote folder: the hint is about write access, not the path', async () => {
  const root = tempDir();
  for (const [code, hint] of [
    ['EROFS', `${root} is on a read-only file system: a push cannot write there (pulls and \`pipe status -c\` only read it): push to another remote, or have it mounted writable`],
    ['EACCES', `no write permission on ${root}: a push needs write access there (pulls and \`pipe status -c\` only read it): ask its owner for access, or push to another remote`],
  ] as const) {
    vi.spyOn(fs.promises, 'access').mockRejectedValueOnce(Object.assign(new Error(`${code}: denied, access '${root}'`), { code }));
    const check = await new DirTransport(root).open('write');
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(remoteUnusable(check, root).hint).toBe(hint);
  }
});
