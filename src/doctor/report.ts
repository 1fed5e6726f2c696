// What `pipe doctor` found: one plain object, printed as text by src/reporters/doctor.ts or as
// JSON (`pipe doctor --json`) with exactly these keys. Paths are absolute; sizes are bytes.

export interface DoctorReport {
  /** pipe's own version (`pipe -V`) */
  version: string;
  system: SystemInfo;
  backends: BackendsInfo;
  /** null where doctor runs outside any project */
  project: ProjectInfo | null;
  /** `--bench` only: the backend started for real and timed, or why it was not */
  bench?: BenchResult | { error: string };
}

export interface BenchResult {
  /** train's own log line for the backend it started (`backend: wasm, 2 threads (skipped: ...)`) */
  backend: string;
  /** the backend and thread count it started, to compare with backends.train */
  started: { backend: string; threads: number };
  /** ms to load TensorFlow.js and start the backend */
  startMs: number;
  /** a 512x512 by 512x512 matMul */
  matMul: Timing;
  /** a 3x3 'same' convolution, batch 32 of 24x24x64 to 64 channels */
  conv2d: Timing;
}

export interface Timing {
  /** calls timed (after one to warm up), and their mean */
  runs: number;
  msPerRun: number;
  /** counted as the plain algorithm's multiply-adds, 2 flops each */
  gflops: number;
}

export interface SystemInfo {
  /** `v20.20.2` */
  node: string;
  /** process.platform, process.arch */
  platform: string;
  arch: string;
  /** the first logical CPU's model name, as the OS reports it */
  cpu: string;
  /** os.availableParallelism(): what pipe and the training threads can use */
  cores: number;
  memory: { total: number; free: number };
  /** `git --version`'s words, or null where git cannot be run */
  git: string | null;
  /** the NVIDIA GPUs `nvidia-smi` lists; empty where it is not installed */
  gpus: GpuInfo[];
}

export interface GpuInfo {
  name: string;
  /** total memory, MiB (null where nvidia-smi does not say) */
  memoryMiB: number | null;
  /** the NVIDIA driver's version */
  driver: string;
}

/** One TensorFlow.js backend package, as found from pipe's own install. */
export interface BackendPackage {
  name: string;
  /** the `train.backend` value that picks it */
  backend: 'tensorflow-gpu' | 'tensorflow' | 'wasm';
  installed: boolean;
  version: string | null;
  /** whether it loads on this machine (null where not installed) */
  loadable: boolean | null;
  /** why it is not installed or does not load; what it loads with otherwise (`SIMD, threads`) */
  detail: string;
}

export interface BackendsInfo {
  packages: BackendPackage[];
  /** what `train` would start, from params.yaml's train.backend / train.threads (or their defaults) */
  train: TrainBackend;
  /** what the probe cost, in ms (a child Node per installed native package; the wasm files validated) */
  probeMs: number;
}

export interface TrainBackend {
  /** train.backend: auto, tensorflow-gpu, tensorflow, wasm or cpu */
  setting: string;
  /** train.threads (0: one per core) */
  threadsSetting: number;
  /** where the settings came from: `params.yaml`, or `defaults (...)` saying why (outside a project, no params.yaml, no train: section) */
  from: string;
  /** the backend it would start: tensorflow-gpu, tensorflow, wasm, cpu; null when the one forced cannot start */
  backend: string | null;
  /** compute threads (wasm: XNNPACK's pool; 0 for the native backends, which size their own) */
  threads: number;
  /** wasm: 3x3 convolutions by Winograd (train.winograd), with tiles up to winogradTile x winogradTile (train.winograd_tile) */
  winograd: boolean;
  winogradTile: 2 | 4;
  /** the candidates skipped before it, and why (as train's own log line says them) */
  skipped: string[];
  /** what is wrong with the settings, or why nothing can start; null when nothing is */
  problem: string | null;
}

export interface ProjectInfo {
  root: string;
  /** stages in pipeline.yaml, foreach/matrix items counted one by one; null when it does not load */
  stages: number | null;
  /** why pipeline.yaml does not load (its first failure), or null */
  pipelineError: string | null;
  cache: CacheInfo;
  remote: RemoteInfo | null;
  /** why no remote is configured, or why the one named cannot be used; null when one is */
  remoteProblem: string | null;
  git: { repository: boolean; top: string | null };
  pipeignore: boolean;
}

export interface CacheInfo {
  dir: string;
  /** files under cache/objects/ (manifests included, temp files not) and their bytes */
  objects: number;
  bytes: number;
  /** entries under cache/runs/ */
  runEntries: number;
}

export interface RemoteInfo {
  /** as written (a URL's `user:password@` removed) */
  url: string;
  /** `--remote`, `PIPE_REMOTE` or `pipe.config.yaml:1:9` */
  source: string;
  /** directory, s3, http or ssh */
  kind: 'directory' | 's3' | 'http' | 'ssh';
  /** where it points: the absolute directory, or the bucket/URL */
  location: string;
}
