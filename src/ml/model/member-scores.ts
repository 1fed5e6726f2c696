// Each network of an ensemble (train.ensemble > 1) scored alone, and the average of the first k,
// on a split, with evaluate's test-time views: what the ensemble adds over its members. An
// after-the-fact reading for the experiment log (`npm run ensemble:members`); the committed
// choice of ensemble size is made on the PublicTest loss train reports, never on these.
import { toImageSet } from '../train/batches.js';
import { CLASS_NAMES, readDataset } from '../data/dataset.js';
import { loadEnsemble } from './ensemble.js';
import { getPreprocessing } from './io.js';
import { lossAndAccuracy } from './predict.js';
import { predictWithShifts } from './tta.js';

export interface MemberScore {
  /** `member 2`, or `first 2 averaged` */
  what: string;
  loss: number;
  accuracy: number;
}

export async function scoreMembers(
  modelDir: string,
  splitDir: string,
  views: { flip: boolean; shift: number; batchSize: number },
): Promise<MemberScore[]> {
  const set = toImageSet(await readDataset(splitDir));
  const k = CLASS_NAMES.length;
  const out: MemberScore[] = [];
  const all: Float32Array[] = [];
  const members = await loadEnsemble(modelDir);
  for (const [i, { model, dir }] of members.entries()) {
    const shape = { height: model.inputs[0]!.shape[1] ?? set.height, width: model.inputs[0]!.shape[2] ?? set.width };
    const { normalize } = getPreprocessing(model, dir);
    const probs = predictWithShifts(model, set, { ...views, shape, numClasses: k, normalize });
    model.dispose();
    all.push(probs);
    out.push({ what: `member ${i + 1}`, ...lossAndAccuracy(probs, set.labels, k) });
    if (i > 0) {
      // summed as evaluate sums them, so the last row is metrics/evaluate.json's to the bit
      const avg = new Float32Array(probs.length);
      for (const member of all) for (let j = 0; j < avg.length; j++) avg[j]! += member[j]! / all.length;
      out.push({ what: `first ${i + 1} averaged`, ...lossAndAccuracy(avg, set.labels, k) });
    }
  }
  return out;
}
