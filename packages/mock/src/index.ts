export { startPrism, type PrismOptions, type RunningPrism } from './prism.js';
