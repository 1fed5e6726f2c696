// Runs s3rver (an S3 server in Node) for test/remote/s3-server.ts, in a process of its own: its
// continuation tokens use DES, which Node's OpenSSL 3 only has with --openssl-legacy-provider, so
// without that flag any listing longer than one page fails with a 500.
// usage: node --openssl-legacy-provider s3-server-process.mjs <folder> <bucket> [<latency-ms>]
// (<latency-ms>: each request waits that long before it is answered, a network's round trip, for
// bench/gc-cloud.js; the tests leave it out)
// Prints {"port":N} once listening on 127.0.0.1; exits when its stdin closes (the test ended).
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import S3rver from 's3rver';

const [directory, bucket, latency] = process.argv.slice(2);
const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
const delayMs = Number(latency ?? 0);
if (delayMs > 0) server.middleware.unshift(async (_ctx, next) => {
  await new Promise((res) => setTimeout(res, delayMs));
  return next();
});
// each DeleteObjects request (POST ?delete) is recorded, a line with its number of keys in
// <folder>/.delete-requests, and one naming more than 1000 keys fails, as S3 refuses it (s3rver
// itself takes any number)
server.middleware.unshift(async (ctx, next) => {
  if (ctx.method !== 'POST' || !('delete' in ctx.query)) return next();
  await next();
  const keys = [].concat(ctx.request.body?.Delete?.Object ?? []).length;
  appendFileSync(join(directory, '.delete-requests'), `${keys}\n`);
  if (keys > 1000) throw new Error('DeleteObjects: more than 1000 keys');
});
// each GET of one object is recorded too, its key a line in <folder>/.get-requests
server.middleware.unshift(async (ctx, next) => {
  const key = ctx.method === 'GET' ? decodeURIComponent(ctx.path).replace(/^\/[^/]*\/?/, '') : '';
  if (key !== '') appendFileSync(join(directory, '.get-requests'), `${key}\n`);
  return next();
});
const { port } = await server.run();
process.stdout.write(`${JSON.stringify({ port })}\n`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
