export { CATEGORIES, LOCATIONS, customerBody, gtin13, productBody } from '@nexuscommerce/server';
