// Schema of params.yaml's `train:` section (read by stages/train.ts). The first block is the
// reference project's settings (issue 3); the rest are the recipe knobs (issue 4): architecture,
// regularisation, augmentation, optimizer and schedule. Defaults here are the reference's; the
// shipped params.yaml sets the faster, more accurate recipe explicitly.
import { BACKEND_CHOICES, type BackendChoice } from '../backend/select.js';
import { ARCHITECTURES, type Architecture } from '../model/build.js';
import { NORMALIZATIONS, type Normalization } from '../train/batches.js';
import { defineSection, type JSONSchemaType, type Refinement } from './load.js';

export interface TrainParams {
  learning_rate: number;
  loss: 'categorical_crossentropy';
  epochs: number;
  batch_size: number;
  early_stopping_patience: number;
  lr_patience: number;
  lr_reduction_factor: number;
  optimizer: 'adam' | 'sgd';
  num_classes: number;
  /** [height, width, channels]; height/width must divide 48 (smaller = box-downsampled input) */
  input_shape: number[];
  shuffle: boolean;
  /** at the end, set the weights back to the best epoch's (by val_loss) before saving */
  restore_best_weights: boolean;
  seed: number;
  backend: BackendChoice;
  /** compute threads for the wasm backend; 0 = one per core */
  threads: number;
  /** wasm: 3x3 stride-1 convolutions and their gradients by Winograd F(2x2, 3x3) */
  winograd: boolean;
  winograd_tile: 2 | 4;

  model: Architecture;
  filters: number[];
  convs_per_block: number;
  stem_stride: number;
  dense_units: number[];
  batch_norm: boolean;
  dropout_conv: number;
  dropout_dense: number;
  /** sgd only */
  momentum: number;
  nesterov: boolean;
  /** plateau: ReduceLROnPlateau on val_loss; cosine: warm-up then cosine decay over `epochs` */
  schedule: 'plateau' | 'cosine';
  warmup_epochs: number;
  label_smoothing: number;
  /** mixup's Beta(α, α) parameter (0: off): each batch blended with a shuffled copy of itself */
  mixup_alpha: number;
  /** momentum of the weights' exponential moving average (0: off; Keras' ema_momentum) */
  ema_momentum: number;
  /** decoupled weight decay of the kernels (AdamW; Keras' and PyTorch's weight_decay), 0: off */
  weight_decay: number;
  augment_flip: boolean;
  /** random translation, in pixels of the 48x48 image */
  augment_shift: number;
  /** random rotation, in degrees either way */
  augment_rotation: number;
  /** random rescaling by up to this fraction either way (0.1: 0.9x to 1.1x) */
  augment_zoom: number;
  /** probability of random erasing (a rectangle of 2-33% of the image replaced by noise) */
  augment_erase: number;
  /** none: pixels / 255; per_image: each image to mean 0, standard deviation 1 */
  normalize: Normalization;
  /** networks trained one after another with seeds seed, seed + 1000, ...; evaluate averages their probabilities */
  ensemble: number;
  /**
   * the seeds of a per-seed pipeline: `train` runs once per seed (`foreach: ${train.seeds}`,
   * `--seed N`), and the `ensemble` stage gathers those networks
   */
  seeds: number[];
}

const num = (min: number, max: number, def: number) => ({ type: 'number', minimum: min, maximum: max, default: def }) as const;
const int = (min: number, max: number, def: number) => ({ type: 'integer', minimum: min, maximum: max, default: def }) as const;

const schema: JSONSchemaType<TrainParams> = {
  type: 'object',
  properties: {
    learning_rate: { type: 'number', exclusiveMinimum: 0, maximum: 10, default: 0.0001 },
    loss: { type: 'string', enum: ['categorical_crossentropy'], default: 'categorical_crossentropy' },
    epochs: int(1, 100000, 50),
    batch_size: int(1, 65536, 128),
    early_stopping_patience: int(1, 100000, 7),
    lr_patience: int(1, 100000, 5),
    lr_reduction_factor: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1, default: 0.1 },
    optimizer: { type: 'string', enum: ['adam', 'sgd'], default: 'adam' },
    num_classes: { type: 'integer', enum: [7], default: 7 },
    input_shape: {
      type: 'array',
      items: { type: 'integer', minimum: 1, maximum: 48 },
      minItems: 3,
      maxItems: 3,
      default: [48, 48, 1],
    },
    shuffle: { type: 'boolean', default: true },
    restore_best_weights: { type: 'boolean', default: false },
    seed: int(0, 2 ** 31 - 2, 42),
    backend: { type: 'string', enum: [...BACKEND_CHOICES], default: 'auto' },
    threads: int(0, 256, 0),
    winograd: { type: 'boolean', default: false },
    winograd_tile: { type: 'integer', enum: [2, 4], default: 2 },

    model: { type: 'string', enum: [...ARCHITECTURES], default: 'reference' },
    filters: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 4096 }, minItems: 1, maxItems: 5, default: [32, 64, 128] },
    convs_per_block: int(1, 4, 2),
    stem_stride: int(1, 2, 1),
    dense_units: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 65536 }, maxItems: 4, default: [256] },
    batch_norm: { type: 'boolean', default: true },
    dropout_conv: num(0, 0.9, 0.25),
    dropout_dense: num(0, 0.9, 0.5),
    momentum: { type: 'number', minimum: 0, exclusiveMaximum: 1, default: 0.9 },
    nesterov: { type: 'boolean', default: true },
    schedule: { type: 'string', enum: ['plateau', 'cosine'], default: 'plateau' },
    warmup_epochs: int(0, 1000, 0),
    label_smoothing: { type: 'number', minimum: 0, exclusiveMaximum: 1, default: 0 },
    mixup_alpha: num(0, 10, 0),
    // 1 would never move from the initial weights
    ema_momentum: { type: 'number', minimum: 0, exclusiveMaximum: 1, default: 0 },
    // applied as lr * weight_decay per step: even 10 would take 1% per step at lr 0.001
    weight_decay: num(0, 10, 0),
    augment_flip: { type: 'boolean', default: false },
    augment_shift: num(0, 12, 0),
    augment_rotation: num(0, 45, 0),
    augment_zoom: num(0, 0.5, 0),
    augment_erase: num(0, 1, 0),
    normalize: { type: 'string', enum: [...NORMALIZATIONS], default: 'none' },
    ensemble: int(1, 16, 1),
    seeds: { type: 'array', items: { type: 'integer', minimum: 0, maximum: 2 ** 31 - 2 }, minItems: 1, maxItems: 16, uniqueItems: true, default: [42] },
  },
  required: [
    'learning_rate', 'loss', 'epochs', 'batch_size', 'early_stopping_patience', 'lr_patience',
    'lr_reduction_factor', 'optimizer', 'num_classes', 'input_shape', 'shuffle',
    'restore_best_weights', 'seed', 'backend', 'threads', 'winograd', 'winograd_tile', 'model', 'filters', 'convs_per_block',
    'stem_stride', 'dense_units', 'batch_norm', 'dropout_conv', 'dropout_dense', 'momentum',
    'nesterov', 'schedule', 'warmup_epochs', 'label_smoothing', 'mixup_alpha', 'ema_momentum', 'weight_decay', 'augment_flip', 'augment_shift',
    'augment_rotation', 'augment_zoom', 'augment_erase', 'normalize', 'ensemble', 'seeds',
  ],
  additionalProperties: false,
};

function refine(p: TrainParams): Refinement[] {
  const out: Refinement[] = [];
  const [h, w, c] = p.input_shape as [number, number, number];
  if (48 % h !== 0) out.push({ path: ['input_shape', 0], message: `height ${h} must divide the images' 48 pixels (48, 24, 16, 12, ...)` });
  if (48 % w !== 0) out.push({ path: ['input_shape', 1], message: `width ${w} must divide the images' 48 pixels (48, 24, 16, 12, ...)` });
  if (c !== 1) out.push({ path: ['input_shape', 2], message: `FER2013 images are grayscale: channels must be 1, got ${c}` });
  if (p.model === 'reference' && (h < 48 || w < 48)) {
    // four 'valid' 3x3 convolutions and three poolings need the full 48x48
    out.push({ path: ['input_shape'], message: 'model reference needs input_shape [48, 48, 1]' });
  }
  if (p.model === 'vgg') {
    const reduction = p.stem_stride * 2 ** p.filters.length;
    if (h < reduction || w < reduction) {
      out.push({ path: ['filters'], message: `${p.filters.length} pooled blocks with stem_stride ${p.stem_stride} need inputs of at least ${reduction}x${reduction}` });
    }
  }
  if (p.learning_rate * p.weight_decay >= 1) {
    // the per-step factor 1 - lr * weight_decay would zero or flip every kernel
    out.push({ path: ['weight_decay'], message: `learning_rate x weight_decay is ${p.learning_rate * p.weight_decay}: it must be below 1 (usual weight_decay: 0.01-0.5 with Adam at lr 0.001)` });
  }
  return out;
}

export const trainSection = defineSection<TrainParams>('train', schema, refine);
