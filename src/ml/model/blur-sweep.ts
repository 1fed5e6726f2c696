// A trained model (one network or an ensemble) scored on a split whose sharp images are blurred
// by each of several σ instead of split.sharp_blur's one: is the σ the split stage used the one
// this model does best with? An after-the-fact reading for the experiment log (`npm run
// blur:sweep`), made on the validation split (PublicTest under the official protocol), which is
// where such a choice may be made; the pipeline's σ stays what params.yaml says.
import { toImageSet } from '../train/batches.js';
import { CLASS_NAMES, IMAGE_HEIGHT, IMAGE_WIDTH, selectExamples, type Dataset } from '../data/dataset.js';
import { blurImages, blurSharpImages } from '../data/split/blur.js';
import { FailureError } from '../failure.js';
import { loadEnsemble } from './ensemble.js';
import { averageProbabilities, networkProbabilities } from './ensemble-predict.js';
import { lossAndAccuracy } from './predict.js';

export interface BlurSweepRow {
  /** the σ the sharp images were blurred by; null: the probabilities of every σ averaged */
  sigma: number | null;
  loss: number;
  accuracy: number;
  /** the mean of the networks' own losses (one network: its loss); in the averaged row, of each
   * network's probabilities averaged over the σ */
  membersLoss: number;
}

/**
 * The images of `split` as ingest wrote them (before any blur of the split stage), found in
 * `dataset` by their ids, in the split's order. `splitDir` names the split in the error.
 */
export function unblurredSplit(dataset: Dataset, split: Dataset, splitDir: string): Dataset {
  const at = new Map<string, number>();
  dataset.ids.forEach((id, i) => at.set(id, i));
  const indices = split.ids.map((id) => at.get(id) ?? -1);
  const missing = indices.indexOf(-1);
  if (missing >= 0) {
    throw new FailureError({
      where: splitDir,
      message: `image ${split.ids[missing]} is not in the ingested dataset`,
      hint: 'the split is older than the dataset: run `npx pipe repro split` first',
    });
  }
  return selectExamples(dataset, indices);
}

/**
 * For each σ: the sharp images of `raw` (fine detail above `detail`, as split.sharp_blur decides)
 * blurred by σ (0: none), then every image by `everyImage` (split.blur, applied after the sharp
 * blur as the split stage applies it), every network's probabilities with the test-time `views`,
 * and their average scored; then, with more than one σ, the averaged probabilities of all of them.
 */
export async function blurSweep(
  modelDir: string,
  raw: Dataset,
  sigmas: number[],
  detail: number,
  everyImage: number,
  views: { flip: boolean; shift: number; batchSize: number },
): Promise<BlurSweepRow[]> {
  const k = CLASS_NAMES.length;
  const members = await loadEnsemble(modelDir);
  const rows: BlurSweepRow[] = [];
  // byNetwork[m][s]: network m's probabilities with the s-th σ
  const byNetwork: Float32Array[][] = members.map(() => []);
  const score = (perNetwork: Float32Array[], sigma: number | null): BlurSweepRow => {
    const membersLoss = perNetwork.reduce((sum, probs) => sum + lossAndAccuracy(probs, raw.labels, k).loss, 0) / perNetwork.length;
    return { sigma, ...lossAndAccuracy(averageProbabilities(perNetwork), raw.labels, k), membersLoss };
  };
  try {
    for (const sigma of sigmas) {
      const sharpBlurred = blurSharpImages(raw.pixels, IMAGE_HEIGHT, IMAGE_WIDTH, sigma, detail).pixels;
      const set = toImageSet({ ...raw, pixels: everyImage > 0 ? blurImages(sharpBlurred, IMAGE_HEIGHT, IMAGE_WIDTH, everyImage) : sharpBlurred });
      const all = members.map(({ model, dir }) => networkProbabilities(model, dir, set, { ...views, numClasses: k }).probs);
      all.forEach((probs, m) => byNetwork[m]!.push(probs));
      rows.push(score(all, sigma));
    }
  } finally {
    for (const { model } of members) model.dispose();
  }
  if (sigmas.length > 1) rows.push(score(byNetwork.map(averageProbabilities), null));
  return rows;
}
