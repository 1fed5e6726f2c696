// Preloaded (NODE_OPTIONS=--require) into a pipe started by an interrupt test: every copy into a
// `.tmp-*` file stays in flight for a while before it resolves, so a test that waits for a temp
// upload to appear and then sends a signal always catches one in flight. Without it, a fast disk
// copied 24 MiB in a few milliseconds, between two polls of the test, and the push ended before
// the test saw any temp file (CI failed so, 2026-12-08).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const copyFile = fs.promises.copyFile;
fs.promises.copyFile = async function slowTempCopy(src, dest, mode) {
  await copyFile.call(fs.promises, src, dest, mode);
  if (path.basename(String(dest)).startsWith('.tmp-')) await new Promise((r) => setTimeout(r, 1500));
};
