/**
 * The one place the engine imports TensorFlow.js. The union package's Node build registers the
 * gradients (tfjs-core alone does not) and shares its tfjs-core instance with the backends.
 */
export * as tf from '@tensorflow/tfjs';
