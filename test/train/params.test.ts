import { describe, expect, it } from 'vitest';
import { parseParams } from '../../src/ml/params/load.js';
import { trainSection } from '../../src/ml/params/train.js';

describe('train params', () => {
  it('an empty train section gets the reference project settings', () => {
    const r = parseParams('train: {}\n', 'params.yaml', trainSection);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      learning_rate: 0.0001,
      loss: 'categorical_crossentropy',
      epochs: 50,
      batch_size: 128,
      early_stopping_patience: 7,
      lr_patience: 5,
      lr_reduction_factor: 0.1,
      optimizer: 'adam',
      num_classes: 7,
      input_shape: [48, 48, 1],
      shuffle: true,
      restore_best_weights: false,
      backend: 'auto',
      threads: 0,
      model: 'reference',
    });
  });

  it('unknown and ill-typed keys fail with the key name and its line', () => {
    const text = ['train:', '  epochs: 10', '  model: resnet', '  learnin_rate: 0.1', '  backend: gpu', ''].join('\n');
    const r = parseParams(text, 'params.yaml', trainSection);
    expect(r).toEqual({
      ok: false,
      failures: [
        { where: 'params.yaml:3:10', message: 'train.model must be one of reference, vgg, got "resnet"' },
        {
          where: 'params.yaml:4:3',
          message: expect.stringMatching(/^train\.learnin_rate: unknown key \(known: learning_rate, loss, epochs, /),
        },
        { where: 'params.yaml:5:12', message: 'train.backend must be one of auto, tensorflow-gpu, tensorflow, wasm, cpu, got "gpu"' },
      ],
    });
  });

  it('an input size that does not divide 48 is refused at its line', () => {
    const r = parseParams('train:\n  model: vgg\n  input_shape: [20, 24, 1]\n', 'params.yaml', trainSection);
    expect(r).toEqual({
      ok: false,
      failures: [{ where: 'params.yaml:3:17', message: "train.input_shape[0]: height 20 must divide the images' 48 pixels (48, 24, 16, 12, ...)" }],
    });
  });
});
