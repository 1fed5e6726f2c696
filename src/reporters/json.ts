// Machine-readable output: one JSON object per line (NDJSON) for each engine event, then one
// `{"type":"result",...}` line. Reasons carry both their fields and a `text` rendering.
import { describeReason, type EngineEvent, type Failure, type ReproResult, type StageResult } from '../engine/index.js';
import { renderFailure } from './failures.js';
import type { Output } from './output.js';

export function stageJson(r: StageResult): Record<string, unknown> {
  return { ...r, reasons: r.reasons.map((x) => ({ ...x, text: describeReason(x) })) };
}

export function failureJson(f: Failure, root?: string): Record<string, unknown> {
  return { kind: f.kind, message: f.message, location: f.location ?? null, text: renderFailure(f, root) };
}

export class JsonReporter {
  constructor(private readonly o: Output) {}

  onEvent = (e: EngineEvent): void => {
    const value =
      e.type === 'stage-done' ? { type: e.type, result: stageJson(e.result) }
      : e.type === 'stage-start' ? { ...e, reasons: e.reasons.map((x) => ({ ...x, text: describeReason(x) })) }
      : e;
    this.o.out(`${JSON.stringify(value)}\n`);
  };

  summary(result: ReproResult, exitCode: number, root?: string): void {
    this.o.out(
      `${JSON.stringify({
        type: 'result',
        exitCode,
        interrupted: result.interrupted,
        failures: result.failures.map((f) => failureJson(f, root)),
        stages: result.stages.map(stageJson),
      })}\n`,
    );
  }
}
