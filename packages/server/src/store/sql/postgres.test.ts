import { storeSuite } from '../store-suite.js';
import { onPostgres } from './test-stores.js';

onPostgres('store: sql on PostgreSQL', (open) => storeSuite('sql on PostgreSQL', open));
