import { expect, it } from 'vitest';
import { isConnectionLoss } from './pg-errors.js';

const pgError = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});

it('counts a refused, reset or ended connection and a restarting server as unavailable', () => {
  for (const error of [
    pgError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
    pgError('read ECONNRESET', 'ECONNRESET'),
    pgError('terminating connection due to administrator command', '57P01'),
    pgError('the database system is starting up', '57P03'),
    pgError('the database system is shutting down', '57P03'),
    pgError('sorry, too many clients already', '53300'),
    pgError('connection failure', '08006'),
    pgError('Connection terminated unexpectedly'),
    pgError('timeout exceeded when trying to connect'),
    new AggregateError([pgError('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''),
  ]) {
    expect(isConnectionLoss(error), error.message).toBe(true);
  }
});

it('leaves errors of the query itself alone', () => {
  for (const error of [
    pgError('duplicate key value violates unique constraint "products_pkey"', '23505'),
    pgError('syntax error at or near "SELEC"', '42601'),
    pgError('canceling statement due to statement timeout', '57014'),
    new AggregateError([pgError('no', '23505')], ''),
    'ECONNREFUSED',
    null,
  ]) {
    expect(isConnectionLoss(error)).toBe(false);
  }
});
