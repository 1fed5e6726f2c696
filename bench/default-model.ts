// The train stage's default model as the benchmarks and checks build it: spec, batch size and
// learning rate read from params.yaml (the defaults we ship).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { parse as parseYaml } from 'yaml';
import type { ModelSpec } from '../src/ml/model/build.js';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');

/** The train stage's model spec and batch size, read from params.yaml (the defaults we ship). */
export function trainParams(): { spec: ModelSpec; batch: number; lr: number; winograd: boolean; winogradTile: 2 | 4 } {
  const doc = parseYaml(readFileSync(join(ROOT, 'params.yaml'), 'utf8')) as { train?: Record<string, unknown> };
  const t = doc.train ?? {};
  const spec: ModelSpec = {
    architecture: (t['model'] as ModelSpec['architecture']) ?? 'vgg',
    filters: (t['filters'] as number[]) ?? [32, 64, 128],
    convs_per_block: (t['convs_per_block'] as number) ?? 2,
    stem_stride: (t['stem_stride'] as number) ?? 2,
    dense_units: (t['dense_units'] as number[]) ?? [256],
    batch_norm: (t['batch_norm'] as boolean) ?? true,
    dropout_conv: (t['dropout_conv'] as number) ?? 0.2,
    dropout_dense: (t['dropout_dense'] as number) ?? 0.5,
  };
  return { spec, batch: (t['batch_size'] as number) ?? 128, lr: (t['learning_rate'] as number) ?? 0.001, winograd: (t['winograd'] as boolean) ?? false, winogradTile: (t['winograd_tile'] as 2 | 4) ?? 2 };
}


/**
 * The train stage's optimizer for `lr` (src/ml/train/adam.ts: Adam, its update fused into one
 * kernel call per variable on wasm). On a tree from before that module (bench:train:ab and
 * fingerprint comparisons copy this file into a worktree of an older commit) it is tfjs's Adam,
 * which is what training used there.
 */
export async function trainOptimizer(lr: number): Promise<tf.Optimizer> {
  try {
    return (await import('../src/ml/train/adam.js')).adam(lr);
  } catch (e) {
    if ((e as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw e;
    return tf.train.adam(lr);
  }
}
