import { onPostgres } from '../testing/harness.js';
import { storeSuites } from '../testing/suites.js';

onPostgres('store: sql on PostgreSQL', (open) => storeSuites('sql on PostgreSQL', open));
