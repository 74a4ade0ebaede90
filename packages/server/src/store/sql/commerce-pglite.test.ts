import { commerceSuite } from '../commerce-suite.js';
import { pgliteHarness } from './test-stores.js';

commerceSuite('sql on PGlite (in memory)', pgliteHarness);
