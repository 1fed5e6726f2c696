// The engine's public API: what the CLI commands and other modules (experiments, plots) use.
export { findProjectRoot, locateProject, NO_PROJECT_HINT, PIPELINE_FILE } from './root.js';
export { projectStatus, staleOutside, staleUpstream } from './status.js';
export { loadProject } from './config.js';
export { selectStages } from './select.js';
export { closestName } from './suggest.js';
export { formatFailure, formatLocation } from './failure.js';
export type { Failure, FailureKind, Result, SourceLocation } from './failure.js';
export { stageOutputs, cmdText } from './types.js';
export type { DepSpec, OutputKind, OutputSpec, ParamValues, Project, StageGraph, StageSpec } from './types.js';
export { reproduce, type ReproOptions } from './reproduce.js';
export { describeDropped, describeReason } from './events.js';
export type { DroppedOutput, EngineEvent, EventSink, Outcome, Reason, ReproResult, StageResult, TrackedChange } from './events.js';
export { checkout, type CheckoutItem, type CheckoutResult, type CheckoutStatus } from './checkout.js';
export { collectGarbage, type GcOptions, type GcSummary } from './gc.js';
export { commit, type CommitItem, type CommitResult, type CommitStatus } from './commit.js';
export { addPaths, type AddItem, type AddResult, type AddStatus } from './add.js';
export { declaredOutputs, loadTracked, readTrackingFiles, splitTargets, type Tracked } from './tracked.js';
