// Which chart a plots file becomes: from its fields, or from the entry's x / y / template.
import { expect, test } from 'vitest';
import { detectKind } from '../../src/plots/detect.js';

const HISTORY = [{ epoch: 1, loss: 2, val_loss: 2.5, accuracy: 0.2, val_accuracy: 0.1, lr: 0.001, note: 'warm-up' }];

test('epoch rows: one chart per metric with its val_ twin, lr alone; strings ignored', () => {
  expect(detectKind('h.json', HISTORY, {})).toEqual({
    ok: true,
    value: { kind: 'curves', x: 'epoch', groups: [['loss', 'val_loss'], ['accuracy', 'val_accuracy'], ['lr']] },
  });
});

test('y in the plots entry picks the fields (and so drops lr here)', () => {
  expect(detectKind('h.json', HISTORY, { x: 'epoch', y: ['loss', 'val_loss', 'accuracy'] })).toEqual({
    ok: true,
    value: { kind: 'curves', x: 'epoch', groups: [['loss', 'val_loss'], ['accuracy']] },
  });
});

test('no epoch/step field: the row number is the x axis', () => {
  expect(detectKind('h.json', [{ loss: 1 }, { loss: 0.5 }], {})).toEqual({ ok: true, value: { kind: 'curves', x: undefined, groups: [['loss']] } });
});

test('actual/predicted rows are a confusion matrix; template + x/y name other fields', () => {
  expect(detectKind('c.json', [{ actual: 'a', predicted: 'b', count: 3 }], {})).toEqual({
    ok: true,
    value: { kind: 'confusion', actual: 'actual', predicted: 'predicted', count: 'count' },
  });
  expect(detectKind('c.json', [{ truth: 'a', guess: 'b' }], { template: 'confusion_normalized', x: 'truth', y: 'guess' })).toEqual({
    ok: true,
    value: { kind: 'confusion', actual: 'truth', predicted: 'guess', count: undefined },
  });
});

test('a field named in the entry but absent from the data is an error naming file and fields', () => {
  const r = detectKind('metrics/h.json', HISTORY, { y: 'val_f1' });
  expect(r).toEqual({
    ok: false,
    failure: { message: "y field 'val_f1' is not in the data (found: epoch, loss, val_loss, accuracy, val_accuracy, lr, note)", where: 'metrics/h.json', exitCode: 1 },
  });
});
