// Runs s3rver (an S3 server in Node) for test/remote/s3-server.ts, in a process of its own: its
// continuation tokens use DES, which Node's OpenSSL 3 only has with --openssl-legacy-provider, so
// without that flag any listing longer than one page fails with a 500.
// usage: node --openssl-legacy-provider s3-server-process.mjs <folder> <bucket>
// Prints {"port":N} once listening on 127.0.0.1; exits when its stdin closes (the test ended).
import S3rver from 's3rver';

const [directory, bucket] = process.argv.slice(2);
const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
const { port } = await server.run();
process.stdout.write(`${JSON.stringify({ port })}\n`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
