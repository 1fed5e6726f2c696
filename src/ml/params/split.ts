// Schema of params.yaml's `split:` section (read by stages/split.ts).
import { DEFAULT_SHARP_DETAIL } from '../data/detail.js';
import { defineSection, type JSONSchemaType, type Refinement } from './load.js';

export interface SplitParams {
  /** random: all images merged, stratified by class; official: Training / PublicTest / PrivateTest */
  protocol: 'random' | 'official';
  /** seed of the random protocol's shuffle: same seed, byte-identical split */
  seed: number;
  /** fractions of each class for the random protocol, each > 0; they must sum to 1 */
  train: number;
  val: number;
  test: number;
  /** standard deviation in pixels of a Gaussian blur applied to every image (0: none) */
  blur: number;
  /** standard deviation of a Gaussian blur applied only to images with fine detail above sharp_detail (0: none) */
  sharp_blur: number;
  /** fine detail (mean |Laplacian| / std) above which split.sharp_blur blurs an image */
  sharp_detail: number;
}

// each split gets some of every class: 0 would leave one empty (no validation loss, no test)
const fraction = { type: 'number', exclusiveMinimum: 0, maximum: 1 } as const;

const schema: JSONSchemaType<SplitParams> = {
  type: 'object',
  properties: {
    protocol: { type: 'string', enum: ['random', 'official'], default: 'random' },
    seed: { type: 'integer', minimum: 0, maximum: 4294967295, default: 42 },
    train: { ...fraction, default: 0.7 },
    val: { ...fraction, default: 0.2 },
    test: { ...fraction, default: 0.1 },
    blur: { type: 'number', minimum: 0, maximum: 8, default: 0 },
    sharp_blur: { type: 'number', minimum: 0, maximum: 8, default: 0 },
    sharp_detail: { type: 'number', exclusiveMinimum: 0, default: DEFAULT_SHARP_DETAIL },
  },
  required: ['protocol', 'seed', 'train', 'val', 'test', 'blur', 'sharp_blur', 'sharp_detail'],
  additionalProperties: false,
};

function refine(p: SplitParams): Refinement[] {
  const sum = p.train + p.val + p.test;
  if (Math.abs(sum - 1) > 1e-9) {
    return [{ path: ['train'], message: `split.train + split.val + split.test must sum to 1, got ${p.train} + ${p.val} + ${p.test} = ${Number(sum.toFixed(12))}` }];
  }
  return [];
}

export const splitSection = defineSection<SplitParams>('split', schema, refine);
