// ReduceLROnPlateau (tfjs has none): after `patience` epochs without the monitored value
// improving by more than `minDelta`, multiply the learning rate by `factor`, then wait
// `cooldown` epochs before counting again. Pure logic: the training loop applies the rate.
// Semantics follow Keras' callback of the same name (mode 'min', absolute min_delta).

export interface PlateauOptions {
  factor: number;
  patience: number;
  minDelta?: number;
  cooldown?: number;
  minLr?: number;
}

export class PlateauScheduler {
  private best = Infinity;
  private wait = 0;
  private cooldownLeft = 0;
  private readonly minDelta: number;
  private readonly cooldown: number;
  private readonly minLr: number;

  constructor(private readonly options: PlateauOptions) {
    this.minDelta = options.minDelta ?? 1e-4;
    this.cooldown = options.cooldown ?? 0;
    this.minLr = options.minLr ?? 0;
  }

  /** Feed one epoch's monitored value (e.g. val_loss); returns the learning rate to use next. */
  update(value: number, lr: number): { lr: number; reduced: boolean } {
    if (this.cooldownLeft > 0) this.cooldownLeft--;
    if (value < this.best - this.minDelta) {
      this.best = value;
      this.wait = 0;
      return { lr, reduced: false };
    }
    if (this.cooldownLeft > 0) return { lr, reduced: false };
    this.wait++;
    if (this.wait < this.options.patience || lr <= this.minLr) return { lr, reduced: false };
    this.wait = 0;
    this.cooldownLeft = this.cooldown;
    return { lr: Math.max(lr * this.options.factor, this.minLr), reduced: true };
  }
}
