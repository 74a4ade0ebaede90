export { createRandom, type Random } from '@nexuscommerce/server';
