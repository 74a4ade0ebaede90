import { memoryHarness } from '../testing/harness.js';
import { storeSuites } from '../testing/suites.js';

storeSuites('memory', memoryHarness);
