// Each network of an ensemble (several train.seeds, or train.ensemble > 1) scored alone, and the
// average of the first k, on a split, with evaluate's test-time views: what the ensemble adds
// over its members. An after-the-fact reading for the experiment log (`npm run
// ensemble:members`); the committed choice of ensemble size is made on the PublicTest loss train
// reports, never on these.
import { toImageSet } from '../train/batches.js';
import { CLASS_NAMES, readDataset } from '../data/dataset.js';
import { loadEnsemble } from './ensemble.js';
import { averageProbabilities, networkProbabilities } from './ensemble-predict.js';
import { lossAndAccuracy } from './predict.js';

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
  for (const [i, { model, dir }] of (await loadEnsemble(modelDir)).entries()) {
    const { probs } = networkProbabilities(model, dir, set, { ...views, numClasses: k });
    model.dispose();
    all.push(probs);
    out.push({ what: `member ${i + 1}`, ...lossAndAccuracy(probs, set.labels, k) });
    if (i > 0) out.push({ what: `first ${i + 1} averaged`, ...lossAndAccuracy(averageProbabilities(all), set.labels, k) });
  }
  return out;
}
