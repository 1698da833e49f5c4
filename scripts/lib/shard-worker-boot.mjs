// Worker threads on Node 20 do not inherit the TypeScript loader of the main thread: register tsx
// here, then load the worker itself from its TypeScript source.
import { register } from 'tsx/esm/api';

register();
await import('./shard-worker.ts');
