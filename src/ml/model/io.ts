// Saves and loads Keras-compatible tfjs "layers-model" files (model.json + weights.bin) with plain
// node:fs, so it works without tfjs-node. We pass handler objects instead of registering a
// `file://` router: tfjs-node registers its own and two routers make saving fail.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { writeDirectoryAtomically } from '../data/dataset.js';
import { FailureError } from '../failure.js';
import { NORMALIZATIONS, type Normalization } from '../train/batches.js';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

/** Writes `dir/model.json` and `dir/weights.bin`, replacing the folder atomically. */
export async function saveModel(model: tf.LayersModel, dir: string): Promise<void> {
  // the whole folder is swapped in at once: readers see the old model or the new one
  await writeDirectoryAtomically(dir, (tmp) => writeModelFiles(model, tmp));
}

/**
 * Writes model.json and weights.bin into an existing folder, in place: callers that need the
 * old-or-new guarantee (saveModel, saveEnsemble) hand it a temp folder they swap in afterwards.
 */
export async function writeModelFiles(model: tf.LayersModel, folder: string): Promise<void> {
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      if (artifacts.modelTopology === undefined || artifacts.weightSpecs === undefined) {
        throw new Error('tfjs gave no topology or weights to save');
      }
      const weights = tf.io.concatenateArrayBuffers(artifacts.weightData ?? []);
      const json = {
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [`./${WEIGHTS_BIN}`], weights: artifacts.weightSpecs }],
        ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
        ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
      };
      await writeFile(join(folder, WEIGHTS_BIN), new Uint8Array(weights));
      await writeFile(join(folder, MODEL_JSON), JSON.stringify(json) + '\n');
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          weightDataBytes: weights.byteLength,
        },
      };
    }),
  );
}

interface ModelJson {
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  trainingConfig?: tf.io.TrainingConfig;
  userDefinedMetadata?: { [key: string]: {} };
}

/** Loads a model saved by saveModel (or by Keras' tfjs converter, single or sharded weights). */
export async function loadModel(dir: string): Promise<tf.LayersModel> {
  const jsonPath = join(dir, MODEL_JSON);
  let parsed: ModelJson;
  try {
    parsed = JSON.parse(await readFile(jsonPath, 'utf8')) as ModelJson;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new FailureError({
      where: jsonPath,
      message: code === 'ENOENT' ? 'no saved model here' : `not a readable model file (${(err as Error).message})`,
      hint: 'train one first: `npx pipe repro train` (or `npx tsx stages/train.ts`)',
    });
  }
  if (parsed.modelTopology === undefined || !Array.isArray(parsed.weightsManifest)) {
    throw new FailureError({ where: jsonPath, message: 'missing modelTopology or weightsManifest: not a tfjs layers model' });
  }
  const weightSpecs: tf.io.WeightsManifestEntry[] = [];
  const buffers: ArrayBuffer[] = [];
  for (const group of parsed.weightsManifest) {
    weightSpecs.push(...group.weights);
    for (const p of group.paths) {
      const path = join(dir, p);
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch {
        throw new FailureError({ where: path, message: `weights file named in ${MODEL_JSON} is missing` });
      }
      buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    }
  }
  const handler: tf.io.IOHandler = {
    load: async () => ({
      modelTopology: parsed.modelTopology,
      weightSpecs,
      weightData: tf.io.concatenateArrayBuffers(buffers),
      format: parsed.format,
      generatedBy: parsed.generatedBy,
      convertedBy: parsed.convertedBy,
      ...(parsed.trainingConfig ? { trainingConfig: parsed.trainingConfig } : {}),
      ...(parsed.userDefinedMetadata ? { userDefinedMetadata: parsed.userDefinedMetadata } : {}),
    }),
  };
  return tf.loadLayersModel(handler);
}

/**
 * How pixels must be prepared for a model, stored in model.json's `userDefinedMetadata` so the
 * model folder carries it: evaluate reads it from there instead of from train's params, and a
 * model saved without it (older runs, Keras conversions) means `none`.
 */
export interface Preprocessing {
  normalize: Normalization;
}

const METADATA_KEY = 'pipe_preprocessing';

export function setPreprocessing(model: tf.LayersModel, pre: Preprocessing): void {
  model.setUserDefinedMetadata({ [METADATA_KEY]: { normalize: pre.normalize } });
}

/** The preprocessing recorded by setPreprocessing; `dir` only names the file in a failure. */
export function getPreprocessing(model: tf.LayersModel, dir: string): Preprocessing {
  const meta = model.getUserDefinedMetadata() as Record<string, unknown> | undefined;
  const pre = meta?.[METADATA_KEY] as { normalize?: unknown } | undefined;
  if (pre === undefined) return { normalize: 'none' };
  const normalize = pre.normalize;
  if (typeof normalize !== 'string' || !(NORMALIZATIONS as readonly string[]).includes(normalize)) {
    throw new FailureError({
      where: join(dir, MODEL_JSON),
      message: `userDefinedMetadata.${METADATA_KEY}.normalize is ${JSON.stringify(normalize)}, expected one of ${NORMALIZATIONS.join(', ')}`,
      hint: 'retrain the model with this version of pipe: `npx pipe repro train`',
    });
  }
  return { normalize: normalize as Normalization };
}
