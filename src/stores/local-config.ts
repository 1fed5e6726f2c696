// pipe.config.local.yaml (project-config.ts) is this clone's own: it goes into the root .gitignore
// when `pipe init` makes a project, and, for a project made before, on the first
// `pipe remote ... --local` that writes it. gitignore.ts decides (a pattern of the user's own that
// ignores it already, or git tracking it, leaves .gitignore alone) and remembers the answer.
import { GitignoreSession } from './gitignore.js';
import { LOCAL_CONFIG_FILE } from './project-config.js';

const WHY: Record<string, string> = {
  cache: "pipe's object cache",
  '.pipe': "pipe's local state",
  [LOCAL_CONFIG_FILE]: "this clone's own remote settings",
};

/** The lines written (`.gitignore: added /pipe.config.local.yaml (...)`) and what stood in the way. */
export async function ignoreLocalConfig(root: string): Promise<{ notes: string[]; warnings: string[] }> {
  // a temp experiment's worktree, deleted after the run, needs no .gitignore
  if (process.env.PIPE_GITIGNORE === '0') return { notes: [], warnings: [] };
  try {
    const { added, gitTracked } = await new GitignoreSession(root).ensure([LOCAL_CONFIG_FILE]);
    const notes = added.map((a) => `${a.file}: added /${a.path} (${WHY[a.path] ?? 'pipe\'s own'})`);
    const warnings = gitTracked
      .filter((t) => t.path === LOCAL_CONFIG_FILE)
      .map(() => `git tracks ${LOCAL_CONFIG_FILE}, which holds this clone's own remote settings, so it was not added to .gitignore: \`git rm --cached ${LOCAL_CONFIG_FILE}\` and commit to keep it out of the repository`);
    return { notes, warnings };
  } catch (err) {
    return { notes: [], warnings: [`could not update .gitignore: ${(err as Error).message}`] };
  }
}
