/**
 * The one place the engine imports TensorFlow.js core. Importing through here makes sure the
 * gradient registry is loaded, which `@tensorflow/tfjs-core` alone does not do.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
export * as tf from '@tensorflow/tfjs-core';
