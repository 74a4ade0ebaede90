import { commerceSuite } from '../commerce-suite.js';
import { onPostgres } from './test-stores.js';

onPostgres('commerce store: sql on PostgreSQL', (open) => commerceSuite('sql on PostgreSQL', open));
