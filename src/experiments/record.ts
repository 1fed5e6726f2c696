// Experiment records: one small JSON file per `pipe repro` that ran or restored a stage.
// Called by the repro command after the run; see docs/ARCHITECTURE.md.

export type StageOutcomeKind = 'ran' | 'restored' | 'up-to-date' | 'failed' | 'skipped';

export interface StageOutcome {
  name: string;
  outcome: StageOutcomeKind;
  durationMs: number;
}

export interface RecordInput {
  /** project root (the folder holding pipeline.yaml) */
  root: string;
  /** `pipe exp run -n NAME` passes it through `pipe repro --exp-name NAME` */
  name?: string;
  stages: StageOutcome[];
}

/** Writes the record and returns its id; returns undefined when nothing ran or was restored. */
export async function recordExperiment(input: RecordInput): Promise<string | undefined> {
  void input;
  return undefined; // placeholder until the experiments module lands
}
