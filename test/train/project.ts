// Test helper: a temp project holding the split datasets (from the seeded FER fixture) and a
// params.yaml with a tiny, fast training recipe; train/evaluate tests run on it.
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { writeDataset, type Dataset, PIXELS_PER_IMAGE } from '../../src/ml/data/dataset.js';
import type { EvaluatePaths } from '../../src/ml/model/evaluate.js';
import type { TrainPaths } from '../../src/ml/train/run.js';
import { generateFerImages, type FixtureImage } from '../fixtures/fer-fixture.js';

/**
 * A tiny VGG on 12x12 (4x box-downsampled) inputs, without batch norm (slow on the plain-JS
 * backend): about 6 s per run on the cpu backend here.
 */
export const TINY_TRAIN = {
  learning_rate: 0.01,
  loss: 'categorical_crossentropy',
  num_classes: 7,
  momentum: 0.9,
  nesterov: true,
  warmup_epochs: 0,
  epochs: 4,
  batch_size: 32,
  early_stopping_patience: 3,
  lr_patience: 2,
  lr_reduction_factor: 0.5,
  optimizer: 'adam',
  input_shape: [12, 12, 1],
  shuffle: true,
  restore_best_weights: false,
  seed: 7,
  backend: 'cpu',
  threads: 1,
  winograd: false,
  winograd_tile: 2,
  model: 'vgg',
  filters: [4, 8],
  convs_per_block: 1,
  stem_stride: 1,
  dense_units: [16],
  batch_norm: false,
  dropout_conv: 0.1,
  dropout_dense: 0.2,
  schedule: 'plateau',
  label_smoothing: 0,
  mixup_alpha: 0.2,
  ema_momentum: 0,
  weight_decay: 0,
  // the fixture's class signal is a blob's position: mirroring would move it to another class
  augment_flip: false,
  augment_shift: 1,
  augment_rotation: 5,
  augment_zoom: 0.1,
  augment_erase: 0.5,
  normalize: 'none',
  ensemble: 1,
};

function toDataset(images: FixtureImage[]): Dataset {
  const pixels = new Uint8Array(images.length * PIXELS_PER_IMAGE);
  images.forEach((im, i) => pixels.set(im.pixels, i * PIXELS_PER_IMAGE));
  return {
    pixels,
    labels: Uint8Array.from(images.map((im) => im.label)),
    usage: Uint8Array.from(images.map((im) => im.usage)),
    ids: images.map((im) => im.relPath),
  };
}

export interface TempProject {
  dir: string;
  train: TrainPaths;
  evaluate: EvaluatePaths;
  /** the split sizes written */
  counts: { train: number; val: number; test: number };
}

/** Writes data/split/{train,val,test} (official protocol of the fixture) and params.yaml. */
export async function makeProject(
  trainParams: Record<string, unknown> = {},
  evaluateParams: Record<string, unknown> = {},
  fixture: Parameters<typeof generateFerImages>[0] = {},
): Promise<TempProject> {
  const dir = await mkdtemp(join(tmpdir(), 'pipe-train-'));
  const images = generateFerImages({ seed: 3, ...fixture });
  const parts = [0, 1, 2].map((u) => images.filter((im) => im.usage === u));
  const names = ['train', 'val', 'test'] as const;
  for (let k = 0; k < 3; k++) {
    await mkdir(join(dir, 'data/split'), { recursive: true });
    await writeDataset(join(dir, 'data/split', names[k]!), toDataset(parts[k]!));
  }
  const params = {
    train: { ...TINY_TRAIN, ...trainParams },
    evaluate: { batch_size: 64, top_k: 2, tta_flip: false, backend: 'cpu', threads: 1, ...evaluateParams },
  };
  await writeFile(join(dir, 'params.yaml'), stringify(params));
  const at = (p: string): string => join(dir, p);
  return {
    dir,
    train: {
      params: at('params.yaml'),
      train: at('data/split/train'),
      val: at('data/split/val'),
      model: at('data/model'),
      metrics: at('metrics/train.json'),
      history: at('metrics/train_history.json'),
    },
    evaluate: {
      params: at('params.yaml'),
      test: at('data/split/test'),
      val: at('data/split/val'),
      model: at('data/model'),
      metrics: at('metrics/evaluate.json'),
      confusion: at('metrics/confusion.json'),
    },
    counts: { train: parts[0]!.length, val: parts[1]!.length, test: parts[2]!.length },
  };
}
