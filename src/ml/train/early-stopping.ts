// Early stopping on a monitored value (val_loss): stop once it has not improved by more than
// `minDelta` for `patience` epochs in a row. Pure logic; the loop keeps the best weights
// (tfjs's own earlyStopping throws on restoreBestWeights).

export class EarlyStopping {
  private best = Infinity;
  private bestEpoch = -1;
  private wait = 0;

  constructor(
    private readonly patience: number,
    private readonly minDelta = 0,
  ) {}

  /** Feed epoch `epoch`'s value; says whether it is the best so far and whether to stop now. */
  update(epoch: number, value: number): { improved: boolean; stop: boolean } {
    if (value < this.best - this.minDelta) {
      this.best = value;
      this.bestEpoch = epoch;
      this.wait = 0;
      return { improved: true, stop: false };
    }
    this.wait++;
    return { improved: false, stop: this.wait >= this.patience };
  }

  get bestValue(): number {
    return this.best;
  }

  /** the epoch with the best value, or -1 before the first update */
  get bestAt(): number {
    return this.bestEpoch;
  }
}
