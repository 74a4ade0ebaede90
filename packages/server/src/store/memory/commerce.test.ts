import { commerceSuite } from '../commerce-suite.js';
import { memoryHarness } from './test-store.js';

commerceSuite('memory', memoryHarness);
