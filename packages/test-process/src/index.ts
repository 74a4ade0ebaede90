export { ended, runToEnd, spawnWatched, type Ended, type SpawnWatchedOptions, type Stream, type WatchedProcess } from './spawn-watched.js';
