import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { walletService, type ListWalletTransactionsInput, type RechargeInput } from '../domain/customers/wallet.js';
import { body, created, partition, path, query } from './request.js';
import type { RouteFactory } from './types.js';

/**
 * The Wallets tag: one wallet per customer, found by customer id or by phone number.
 *
 * @example
 * const routes = walletRoutes(deps); // { getWallet, rechargeWallet, … }
 */
export const walletRoutes: RouteFactory = (deps) => {
  const wallets = walletService(deps);
  const recharged = async (c: Context<AppEnv>, who: { id: string } | { phone: string }) => {
    const entry = await wallets.recharge(partition(c), who, body<RechargeInput>(c));
    return created(c, `/v1/customers/${entry.customer_id}/wallet/transactions`, entry);
  };
  return {
    getWallet: async (c) => c.json({ data: await wallets.get(partition(c), { id: path(c).customer_id! }) }),
    getWalletByPhone: async (c) => c.json({ data: await wallets.get(partition(c), { phone: path(c).phone! }) }),
    rechargeWallet: (c) => recharged(c, { id: path(c).customer_id! }),
    rechargeWalletByPhone: (c) => recharged(c, { phone: path(c).phone! }),
    listWalletTransactions: async (c) =>
      c.json(await wallets.transactions(partition(c), path(c).customer_id!, query<ListWalletTransactionsInput>(c))),
  };
};
