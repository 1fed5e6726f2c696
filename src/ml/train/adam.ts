// tfjs's Adam, with each variable's update as one kernel call where the backend has one
// (PipeAdamUpdate: the wasm backend, src/ml/backend/wasm/kernels/adam.ts). tfjs's AdamOptimizer
// makes every variable's update of 15 elementwise ops, each a kernel call with its own output
// tensor; the fused kernel does the same float32 operations in the same order in one pass, so
// the weights it trains are the same to the bit, on any backend (one without the kernel runs
// tfjs's own code). The training loop is the same whichever runs: only the backend differs.
import * as tf from '@tensorflow/tfjs';
import { ADAM_UPDATE_KERNEL, type AdamUpdateAttrs } from '../backend/adam-kernel.js';

/** AdamOptimizer's state fields (TypeScript-private there): kept, so getWeights, setWeights and dispose still see them. */
interface AdamState {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: Array<{ originalName: string; variable: tf.Variable } | undefined>;
  accumulatedSecondMoment: Array<{ originalName: string; variable: tf.Variable } | undefined>;
}

type VariableGradients = Parameters<tf.AdamOptimizer['applyGradients']>[0];

export class FusedAdamOptimizer extends tf.AdamOptimizer {
  override applyGradients(variableGradients: VariableGradients): void {
    if (tf.getKernel(ADAM_UPDATE_KERNEL, tf.getBackend()) === undefined) {
      super.applyGradients(variableGradients);
      return;
    }
    const state = this as unknown as AdamState;
    const names = Array.isArray(variableGradients) ? variableGradients.map((v) => v.name) : Object.keys(variableGradients);
    const attrs: AdamUpdateAttrs = { beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, learningRate: this.learningRate };
    // What AdamOptimizer.applyGradients does, step for step, with its 15 ops per variable as one.
    tf.tidy(() => {
      const oneMinusAccBeta1 = tf.sub(1, state.accBeta1);
      const oneMinusAccBeta2 = tf.sub(1, state.accBeta2);
      names.forEach((name, i) => {
        const value = tf.engine().registeredVariables[name];
        if (value === undefined) throw new Error(`bug: Adam was given a gradient for ${name}, which is not a variable`);
        const first = (state.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) });
        const second = (state.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) });
        const grad = Array.isArray(variableGradients) ? variableGradients[i]?.tensor : variableGradients[name];
        if (grad == null) return;
        const [w, m, v] = tf.engine().runKernel(
          ADAM_UPDATE_KERNEL,
          { value, m: first.variable, v: second.variable, grad, oneMinusAccBeta1, oneMinusAccBeta2 },
          attrs as unknown as tf.NamedAttrMap,
        ) as tf.Tensor[];
        first.variable.assign(m!);
        second.variable.assign(v!);
        value.assign(w!);
      });
      state.accBeta1.assign(tf.mul(state.accBeta1, this.beta1));
      state.accBeta2.assign(tf.mul(state.accBeta2, this.beta2));
    });
    this.incrementIterations();
  }
}

/** tf.train.adam's defaults (beta1 0.9, beta2 0.999, the backend's epsilon), fused where it can be. */
export function adam(learningRate: number): FusedAdamOptimizer {
  return new FusedAdamOptimizer(learningRate, 0.9, 0.999);
}
