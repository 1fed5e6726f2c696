// Builds the CNNs the train stage can fit, from params. Every initializer gets its own seed drawn
// from our PRNG, so the same seed gives the same starting weights on every backend.
//
// - `reference`: the reference project's Keras CNN (conv 32, conv 64, pool, dropout, conv 128,
//   pool, conv 128, pool, dropout, dense 1024, dropout 0.5, softmax), 'valid' padding as in Keras.
// - `vgg`: VGG-style blocks of `convs_per_block` 3x3 'same' convolutions (optionally conv → batch
//   norm → ReLU), each block closed by 2x2 max-pool and dropout; then dense layers and softmax.
//   `stem_stride: 2` makes the first convolution strided, quartering the cost of everything after.
import * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from '../random.js';

export const ARCHITECTURES = ['reference', 'vgg'] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

export interface ModelSpec {
  architecture: Architecture;
  /** vgg: output channels of each block */
  filters: number[];
  /** vgg: 3x3 convolutions per block */
  convs_per_block: number;
  /** vgg: stride of the very first convolution (1 or 2) */
  stem_stride: number;
  /** vgg: hidden dense layer widths before the softmax ([] = straight to the classifier) */
  dense_units: number[];
  batch_norm: boolean;
  /** vgg: dropout rate after each block's pooling */
  dropout_conv: number;
  /** vgg: dropout rate after each hidden dense layer */
  dropout_dense: number;
}

export interface BuildOptions {
  spec: ModelSpec;
  /** [height, width, channels] */
  inputShape: [number, number, number];
  numClasses: number;
  seed: number;
}

/** Layer-construction helpers that hand each initializer a fresh seed. */
function seeded(rng: Rng) {
  const seed = (): number => rng.int(2 ** 31 - 1) + 1; // tfjs treats seed 0/undefined as unseeded
  return {
    he: () => tf.initializers.heNormal({ seed: seed() }),
    glorot: () => tf.initializers.glorotUniform({ seed: seed() }),
    dropoutSeed: seed,
  };
}

export function buildModel(options: BuildOptions): tf.Sequential {
  const rng = createRng(options.seed);
  return options.spec.architecture === 'reference' ? buildReference(options, rng) : buildVgg(options, rng);
}

function buildReference({ inputShape, numClasses }: BuildOptions, rng: Rng): tf.Sequential {
  const init = seeded(rng);
  const model = tf.sequential({ name: 'reference_cnn' });
  // Keras defaults: glorot_uniform kernels, zero biases, 'valid' padding.
  const conv = (filters: number, first = false): tf.layers.Layer =>
    tf.layers.conv2d({
      filters,
      kernelSize: 3,
      activation: 'relu',
      kernelInitializer: init.glorot(),
      ...(first ? { inputShape } : {}),
    });
  model.add(conv(32, true));
  model.add(conv(64));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.dropout({ rate: 0.25, seed: init.dropoutSeed() }));
  model.add(conv(128));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(conv(128));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.dropout({ rate: 0.25, seed: init.dropoutSeed() }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 1024, activation: 'relu', kernelInitializer: init.glorot() }));
  model.add(tf.layers.dropout({ rate: 0.5, seed: init.dropoutSeed() }));
  model.add(tf.layers.dense({ units: numClasses, activation: 'softmax', kernelInitializer: init.glorot() }));
  return model;
}

function buildVgg({ spec, inputShape, numClasses }: BuildOptions, rng: Rng): tf.Sequential {
  const init = seeded(rng);
  const model = tf.sequential({ name: 'vgg_cnn' });
  let first = true;
  const convUnit = (filters: number, strides: number): void => {
    const shape = first ? { inputShape } : {};
    first = false;
    if (spec.batch_norm) {
      // conv (no bias: BN's beta replaces it) → BN → ReLU
      model.add(
        tf.layers.conv2d({ filters, kernelSize: 3, strides, padding: 'same', useBias: false, kernelInitializer: init.he(), ...shape }),
      );
      model.add(tf.layers.batchNormalization({ momentum: 0.9 }));
      model.add(tf.layers.activation({ activation: 'relu' }));
    } else {
      model.add(
        tf.layers.conv2d({ filters, kernelSize: 3, strides, padding: 'same', activation: 'relu', kernelInitializer: init.he(), ...shape }),
      );
    }
  };
  spec.filters.forEach((filters, block) => {
    for (let c = 0; c < spec.convs_per_block; c++) {
      convUnit(filters, block === 0 && c === 0 ? spec.stem_stride : 1);
    }
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    if (spec.dropout_conv > 0) model.add(tf.layers.dropout({ rate: spec.dropout_conv, seed: init.dropoutSeed() }));
  });
  model.add(tf.layers.flatten());
  for (const units of spec.dense_units) {
    if (spec.batch_norm) {
      model.add(tf.layers.dense({ units, useBias: false, kernelInitializer: init.he() }));
      model.add(tf.layers.batchNormalization({ momentum: 0.9 }));
      model.add(tf.layers.activation({ activation: 'relu' }));
    } else {
      model.add(tf.layers.dense({ units, activation: 'relu', kernelInitializer: init.he() }));
    }
    if (spec.dropout_dense > 0) model.add(tf.layers.dropout({ rate: spec.dropout_dense, seed: init.dropoutSeed() }));
  }
  model.add(tf.layers.dense({ units: numClasses, activation: 'softmax', kernelInitializer: init.glorot() }));
  return model;
}

/**
 * tfjs's Dropout draws its mask from `randomUniform(seed)`, which restarts the generator from
 * the same seed on every call: a fixed seed would drop the same units at every step, and no
 * seed means Math.random (not reproducible). So before each training step the loop gives every
 * Dropout layer a fresh seed from our PRNG; the layer reads it at call time.
 */
export function reseedDropout(model: tf.LayersModel, rng: Rng): void {
  for (const layer of model.layers) {
    if (layer.getClassName() === 'Dropout') {
      (layer as unknown as { seed: number }).seed = rng.int(2 ** 31 - 1) + 1;
    }
  }
}

/** Multiply-accumulates of one forward pass of one image, for images/s ↔ FLOP/s estimates. */
export function forwardMacs(model: tf.LayersModel): number {
  let macs = 0;
  for (const layer of model.layers) {
    const cls = layer.getClassName();
    const out = layer.outputShape as number[];
    if (cls === 'Conv2D') {
      const kernel = layer.getWeights()[0]!.shape; // [kh, kw, in, out]
      macs += (out[1] ?? 0) * (out[2] ?? 0) * kernel[0]! * kernel[1]! * kernel[2]! * kernel[3]!;
    } else if (cls === 'Dense') {
      const kernel = layer.getWeights()[0]!.shape;
      macs += kernel[0]! * kernel[1]!;
    }
  }
  return macs;
}
