// `pipe diff`'s modules (the engine's comparison, the git reads, the renderings), bundled as a file
// of their own, dist/bundle/diff.js, which src/cli/commands/diff.ts loads only when diff runs. As
// chunks of the CLI's bundle they would share modules with `pipe status`, and esbuild would then
// split the chunks a no-op status loads into more files (see scripts/bundle.mjs, as for doctor).
export { diffData, WORKSPACE_SIDE, type Revision } from '../engine/data-diff.js';
export { repoPrefix, resolveCommit, showFile, trackingCandidatesAt } from '../experiments/git.js';
export { hasDifferences, renderDataDiffJson, renderDataDiffMarkdown, renderDataDiffText } from '../reporters/data-diff.js';
