// The project the `--glob` tests run: a foreach stage, a matrix stage and a plain one, each copy
// counting its own runs (`rig.count('sweep-0.001-42')`).
import { counted } from '../rig.js';

const q = JSON.stringify;

export const GLOB_PIPELINE = `stages:
  train:
    foreach: [1042, 7]
    do:
      cmd: ${q(counted('train-${key}', 'echo ${item} > "t-${key}.txt"'))}
      outs: ["t-\${key}.txt"]
  sweep:
    matrix:
      lr: [0.001, 0.01]
      seed: [42, 43]
    cmd: ${q(counted('sweep-${key}', 'echo ${item.lr} ${item.seed} > "s-${key}.txt"'))}
    outs: ["s-\${key}.txt"]
  other:
    cmd: ${q(counted('other', 'echo o > o.txt'))}
    outs: [o.txt]
`;

/** Every copy's run count, by stage name. */
export const COPIES = ['train-1042', 'train-7', 'sweep-0.001-42', 'sweep-0.001-43', 'sweep-0.01-42', 'sweep-0.01-43', 'other'];

export const STAGE_LIST = 'train@{1042,7}, sweep@{0.001-42,0.001-43,0.01-42,0.01-43}, other';
