// The contract between the training loop's Adam (train/adam.ts) and a backend that fuses its
// update (wasm: backend/wasm/kernels/adam.ts), in a module of its own so that the optimizer does
// not load a backend to learn a kernel's name.

/** Kernel name; inputs value, m, v, grad, oneMinusAccBeta1, oneMinusAccBeta2; outputs [value, m, v]. */
export const ADAM_UPDATE_KERNEL = 'PipeAdamUpdate';

export interface AdamUpdateAttrs {
  beta1: number;
  beta2: number;
  epsilon: number;
  learningRate: number;
}
