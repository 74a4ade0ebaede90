import { storeSuite } from '../store-suite.js';
import { memoryHarness } from './test-store.js';

storeSuite('memory', memoryHarness);
