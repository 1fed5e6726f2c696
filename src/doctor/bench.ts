// `pipe doctor --bench`: starts the backend `train` would start, through the training code's own
// selectBackend (src/ml/backend/select.ts), and times a matMul and a 3x3 convolution on it, about a
// second each: what the machine computes, in GFLOP/s, next to what the read-only probe predicted.
// Loads TensorFlow.js (about 0.8 s here) and starts the backend's threads, so it only runs when asked.
import type { BackendsInfo, BenchResult, Timing } from './report.js';

/** Each timing runs for at least this long (after one call to warm up). */
const TIMING_MS = 1000;

export async function benchBackend(train: BackendsInfo['train']): Promise<{ ok: true; value: BenchResult } | { ok: false; reason: string }> {
  if (train.problem !== null) return { ok: false, reason: `not run: ${train.problem}` };
  const start = performance.now();
  const [tf, { selectBackend, describeBackend }] = await Promise.all([import('@tensorflow/tfjs'), import('../ml/backend/select.js')]);
  const choice = train.setting as Parameters<typeof selectBackend>[0]['choice'];
  const selected = await selectBackend({ choice, threads: train.threadsSetting, winograd: train.winograd, winogradTile: train.winogradTile });
  if (!selected.ok) return { ok: false, reason: selected.error.message };
  const startMs = Math.round(performance.now() - start);
  tf.env().set('PROD', true);
  const a = tf.randomNormal([512, 512]);
  const b = tf.randomNormal([512, 512]);
  const matMul = await time(() => tf.matMul(a, b), 2 * 512 ** 3);
  const x = tf.randomNormal([32, 24, 24, 64]) as import('@tensorflow/tfjs').Tensor4D;
  const f = tf.randomNormal([3, 3, 64, 64]) as import('@tensorflow/tfjs').Tensor4D;
  const conv2d = await time(() => tf.conv2d(x, f, 1, 'same'), 2 * 32 * 24 * 24 * 64 * 9 * 64);
  const info = selected.info;
  return { ok: true, value: { backend: describeBackend(info), started: { backend: info.choice, threads: info.threads }, startMs, matMul, conv2d } };
}

async function time(op: () => import('@tensorflow/tfjs').Tensor, flops: number): Promise<Timing> {
  const run = async (): Promise<void> => {
    const out = op();
    await out.data(); // waits for the result, whatever the backend
    out.dispose();
  };
  await run();
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < TIMING_MS) {
    await run();
    runs++;
  }
  const msPerRun = (performance.now() - start) / runs;
  return { runs, msPerRun: Math.round(msPerRun * 100) / 100, gflops: Math.round((flops / (msPerRun / 1000) / 1e9) * 10) / 10 };
}
