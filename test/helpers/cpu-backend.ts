/**
 * Preload (`node --import tsx --import ./test/helpers/cpu-backend.ts …`): start the cpu backend
 * before the CLI runs, so that its `auto` choice (which keeps the backend already set) is cpu.
 */
import { initBackend } from '../../src/train/backend.js';

await initBackend({ backend: 'cpu' });
