// `pipe doctor`'s data: the machine, the TensorFlow.js backends and the project, gathered side by
// side into one DoctorReport (src/reporters/doctor.ts prints it). Loaded only by `pipe doctor`.
import { probeBackends } from './backends.js';
import { gatherProject, type ProjectOptions } from './project.js';
import type { DoctorReport } from './report.js';
import { gatherSystem } from './system.js';

export type { DoctorReport } from './report.js';

export async function gatherDoctor(version: string, options: ProjectOptions): Promise<DoctorReport> {
  const project = await gatherProject(options);
  // the backends probe reads train.backend / train.threads from this project's params.yaml
  const [system, backends] = await Promise.all([gatherSystem(), probeBackends(project?.root)]);
  return { version, system, backends, project };
}
