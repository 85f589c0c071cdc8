/** One split of a classification dataset: `n` samples of `d` features, row-major. */
export interface Split {
  n: number;
  /** Features, `x[s * d + k]`. */
  x: Float32Array;
  /** Integer class labels in [0, nClasses). */
  y: Int32Array;
}

/**
 * A classification dataset, as every loader returns it.
 *
 * ```ts
 * const data = makeSpheres({ d: 10, nTrain: 4000, nTest: 1000, seed: 1 });
 * data.train.x; data.dIn; data.nClasses;
 * ```
 */
export interface Dataset {
  name: string;
  /** Features per sample. */
  dIn: number;
  nClasses: number;
  train: Split;
  test: Split;
  /** Present for image data: the layout of the feature vector (row-major, channels last). */
  image?: { height: number; width: number; channels: number };
}
