// The Agents Playground launcher lives in scripts/lib/playground.mjs (shared with npm start);
// see that file and docs/playground.md for what it does and why.
export { getFreePort, playgroundCliPath, playgroundEnv, startPlayground } from '../../scripts/lib/playground.mjs';
export type { Playground, PlaygroundChannel, StartPlaygroundOptions } from '../../scripts/lib/playground.mjs';
