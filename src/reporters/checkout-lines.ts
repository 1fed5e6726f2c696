// What `pipe checkout` (and the checkout after `pipe pull`) says about each output: one line,
// its words chosen by what can mend it (a stage's output: a repro; tracked data: a pull or an add;
// a frozen stage's: a pull, as repro will not run it).
import type { CheckoutItem } from '../engine/index.js';

const WORDS: Record<CheckoutItem['status'], string> = {
  restored: 'restored from cache',
  'up-to-date': 'up to date',
  'not-in-lock': 'not in pipeline.lock (never ran): nothing to check out',
  missing: 'not in cache: run `pipe repro` (or `pipe pull`)',
  corrupt: 'cache object is corrupt (content does not match its hash), removed from the cache: run `pipe repro` to make it again (or `pipe pull`)',
  'not-cached': 'differs from pipeline.lock and is not cached (cache: false): run `pipe repro`',
  unsaved: 'has changes the cache does not hold, left as it is: `pipe commit --force` keeps them, `pipe checkout --force` overwrites them',
};

/** The same for data `pipe add` tracks: no stage makes it, so only a pull or an add mends it. */
const TRACKED_WORDS: Partial<Record<CheckoutItem['status'], string>> = {
  missing: 'not in cache: run `pipe pull`',
  corrupt: 'cache object is corrupt (content does not match its hash), removed from the cache: run `pipe pull` to fetch it again',
  unsaved: 'has changes the cache does not hold, left as it is: `pipe add` records them, `pipe checkout --force` overwrites them',
};

/** A frozen stage's outputs: `pipe repro` never runs it, so only a pull (or unfreezing) mends them. */
const FROZEN_WORDS: Partial<Record<CheckoutItem['status'], (group: string) => string>> = {
  missing: (g) => `not in cache: run \`pipe pull\` (the stage is frozen, so \`pipe repro\` will not make it: \`pipe unfreeze ${g}\` to run it)`,
  corrupt: () => 'cache object is corrupt (content does not match its hash), removed from the cache: run `pipe pull` to fetch it again (the stage is frozen, so `pipe repro` will not make it)',
  'not-cached': (g) => `differs from pipeline.lock and is not cached (cache: false), and the stage is frozen: \`pipe unfreeze ${g}\`, then \`pipe repro\``,
};

/** An output missing from the local cache while a remote is configured. */
const PULL_WORDS = 'not in the local cache: `pipe pull` fetches it';

/** Whether the item leaves the workspace short of what pipeline.lock or its .pipe file records. */
export function isCheckoutProblem(item: CheckoutItem): boolean {
  return item.status === 'missing' || item.status === 'corrupt' || item.status === 'not-cached' || item.status === 'unsaved';
}

/** `stage: path: words`, newline-terminated. */
export function checkoutLine(item: CheckoutItem): string {
  // a foreach item is unfrozen by its group's name, the key pipeline.yaml holds
  // a configured remote may hold it: fetching comes before making it again
  if (item.status === 'missing' && item.pull === true) return `${item.stage}${item.path ? `: ${item.path}` : ''}: ${PULL_WORDS}${item.frozen && !item.tracked ? ` (the stage is frozen, so \`pipe repro\` will not make it)` : ''}\n`;
  const words = (item.tracked ? TRACKED_WORDS[item.status] : item.frozen ? FROZEN_WORDS[item.status]?.(item.stage.split('@')[0] ?? item.stage) : undefined) ?? WORDS[item.status];
  return `${item.stage}${item.path ? `: ${item.path}` : ''}: ${words}\n`;
}
