// Byte-identical images in FER2013 (its README counts 1,116 groups, 44 spanning usages, 43
// with conflicting labels). Reported, not removed: removing would change the official
// protocol's test set; the summary lets an evaluation know test images can occur in training.
import { CLASS_NAMES, USAGE_NAMES } from '../dataset.js';
import type { IngestedImage } from './types.js';

export interface DuplicateGroup {
  ids: string[];
  labels: string[];
  usages: string[];
}

export interface DuplicateReport {
  /** what "identical" compares: the source files' bytes, or the CSV rows' pixel values */
  basis: 'file bytes' | 'pixel values';
  /** groups of two or more identical images */
  groups: number;
  /** images that are a copy of an earlier one: sum over groups of (size - 1) */
  redundant_copies: number;
  /** groups whose members have different usages (e.g. Training and PrivateTest) */
  cross_usage_groups: number;
  /** groups whose members carry different labels */
  conflicting_label_groups: number;
  /** every cross-usage or conflicting group, members in dataset order */
  flagged: DuplicateGroup[];
}

export function findDuplicates(images: IngestedImage[], basis: DuplicateReport['basis']): DuplicateReport {
  const byHash = new Map<string, number[]>();
  images.forEach((im, i) => {
    const g = byHash.get(im.hash);
    if (g === undefined) byHash.set(im.hash, [i]);
    else g.push(i);
  });
  const report: DuplicateReport = { basis, groups: 0, redundant_copies: 0, cross_usage_groups: 0, conflicting_label_groups: 0, flagged: [] };
  const flagged: Array<{ first: number; group: DuplicateGroup }> = [];
  for (const members of byHash.values()) {
    if (members.length < 2) continue;
    report.groups++;
    report.redundant_copies += members.length - 1;
    const crossUsage = new Set(members.map((i) => images[i]!.usage)).size > 1;
    const conflicting = new Set(members.map((i) => images[i]!.label)).size > 1;
    if (crossUsage) report.cross_usage_groups++;
    if (conflicting) report.conflicting_label_groups++;
    if (crossUsage || conflicting) {
      flagged.push({
        first: members[0]!,
        group: {
          ids: members.map((i) => images[i]!.id),
          labels: members.map((i) => CLASS_NAMES[images[i]!.label]!),
          usages: members.map((i) => USAGE_NAMES[images[i]!.usage]!),
        },
      });
    }
  }
  report.flagged = flagged.sort((a, b) => a.first - b.first).map((f) => f.group);
  return report;
}
