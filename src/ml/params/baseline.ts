// Schema of params.yaml's `baseline:` section (read by stages/baseline.ts).
import { defineSection, type JSONSchemaType } from './load.js';

export interface BaselineParams {
  /** the split the majority-class baseline is scored on (the class comes from train) */
  eval_split: 'test' | 'val';
}

const schema: JSONSchemaType<BaselineParams> = {
  type: 'object',
  properties: {
    eval_split: { type: 'string', enum: ['test', 'val'], default: 'test' },
  },
  required: ['eval_split'],
  additionalProperties: false,
};

export const baselineSection = defineSection<BaselineParams>('baseline', schema);
