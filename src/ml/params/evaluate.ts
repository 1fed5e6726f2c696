// Schema of params.yaml's `evaluate:` section (read by stages/evaluate.ts).
import { BACKEND_CHOICES, type BackendChoice } from '../backend/select.js';
import { defineSection, type JSONSchemaType } from './load.js';

export interface EvaluateParams {
  /** images per inference batch: memory only, results do not depend on it */
  batch_size: number;
  /** k of the top-k accuracy in metrics/evaluate.json (top-2 in the issue) */
  top_k: number;
  /** average each image's probabilities with those of its mirror image (test-time augmentation) */
  tta_flip: boolean;
  /** also average views moved N pixels towards each corner (0: off); see model/tta.ts */
  tta_shift: number;
  /** which split is scored: test (the default) or val, to try evaluation settings without touching test */
  eval_split: 'test' | 'val';
  backend: BackendChoice;
  /** compute threads for the wasm backend; 0 = one per core */
  threads: number;
  /** wasm: 3x3 stride-1 convolutions by Winograd F(2x2, 3x3) */
  winograd: boolean;
  winograd_tile: 2 | 4;
}

const schema: JSONSchemaType<EvaluateParams> = {
  type: 'object',
  properties: {
    batch_size: { type: 'integer', minimum: 1, default: 256 },
    top_k: { type: 'integer', minimum: 1, maximum: 7, default: 2 },
    tta_flip: { type: 'boolean', default: false },
    tta_shift: { type: 'integer', minimum: 0, maximum: 8, default: 0 },
    eval_split: { type: 'string', enum: ['test', 'val'], default: 'test' },
    backend: { type: 'string', enum: [...BACKEND_CHOICES], default: 'auto' },
    threads: { type: 'integer', minimum: 0, maximum: 256, default: 0 },
    winograd: { type: 'boolean', default: false },
    winograd_tile: { type: 'integer', enum: [2, 4], default: 2 },
  },
  required: ['batch_size', 'top_k', 'tta_flip', 'tta_shift', 'eval_split', 'backend', 'threads', 'winograd', 'winograd_tile'],
  additionalProperties: false,
};

export const evaluateSection = defineSection<EvaluateParams>('evaluate', schema);
