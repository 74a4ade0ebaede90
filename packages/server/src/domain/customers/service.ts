import type { Clock } from '../../clock.js';
import { ApiError } from '../../errors.js';
import { newId } from '../../ids.js';
import type { Store } from '../../store/port.js';
import { CUSTOMER_LIST } from '../../store/customers.js';
import type { CustomerRecord, CustomerSort, CustomerWriteResult } from '../../store/customers.js';
import type { Partition } from '../../store/partition.js';
import { emit } from '../events.js';
import type { CursorSigner } from '../cursor.js';
import { listPage, type ListParams } from '../list-page.js';
import { ACCOUNT_CURRENCY } from '../money.js';
import { isE164 } from '../phone.js';

/** Partner-writable fields (the spec's CustomerAttributes). */
export interface CustomerInput {
  name?: string;
  email?: string | null;
  phone?: string | null;
  external_ref?: string | null;
}

export type ListCustomersInput = ListParams<CustomerSort> & { search?: string; email?: string; phone?: string };

export const CUSTOMER_FIELDS = ['id', 'name', 'email', 'phone', 'external_ref', 'created_at', 'updated_at'] as const;

/** 422 INVALID_PHONE unless the number is strict E.164. */
export function checkPhone(phone: string, field = 'phone'): void {
  if (!isE164(phone)) {
    throw new ApiError('INVALID_PHONE', `${phone} is not an E.164 phone number.`, [
      { field, issue: 'must be E.164: +, country code and number, 8 to 15 digits, no spaces' },
    ]);
  }
}

export const customerNotFound = (what: string) => ApiError.notFound(`No customer ${what}.`);

function writeError(result: Exclude<CustomerWriteResult, 'ok' | 'not_found'>, c: CustomerRecord): ApiError {
  return result === 'duplicate_phone'
    ? ApiError.validation([{ field: 'phone', issue: `is already held by another customer` }], `Phone ${c.phone} is already taken.`)
    : ApiError.validation([{ field: 'external_ref', issue: 'is already used by another customer' }], `external_ref ${c.external_ref} is already taken.`);
}

/**
 * The Customers use cases. A customer and their wallet are created together; each write and its
 * outbox event share one transaction.
 *
 * @example
 * const customers = customerService({ store, clock, cursors });
 * await customers.create(partition, { name: 'Asha', phone: '+919812345678' });
 */
export function customerService({ store, clock, cursors }: { store: Store; clock: Clock; cursors: CursorSigner }) {
  const now = () => clock.now().toISOString();

  return {
    async get(p: Partition, id: string): Promise<CustomerRecord> {
      return (await store.customers.get(p, id)) ?? Promise.reject(customerNotFound(id));
    },

    async getByPhone(p: Partition, phone: string): Promise<CustomerRecord> {
      checkPhone(phone);
      return (await store.customers.findByPhone(p, phone)) ?? Promise.reject(customerNotFound(`with phone ${phone}`));
    },

    async create(p: Partition, input: CustomerInput & { name: string }): Promise<CustomerRecord> {
      if (input.phone) checkPhone(input.phone);
      const at = now();
      const customer: CustomerRecord = {
        id: newId('cus'),
        name: input.name,
        email: input.email ?? null,
        phone: input.phone ?? null,
        external_ref: input.external_ref ?? null,
        created_at: at,
        updated_at: at,
      };
      return store.transaction(async (tx) => {
        const wallet = { customer_id: customer.id, balance: 0, currency: ACCOUNT_CURRENCY, updated_at: at };
        const result = await tx.customers.insert(p, customer, wallet);
        if (result !== 'ok') throw writeError(result === 'not_found' ? 'duplicate_external_ref' : result, customer);
        await emit(tx, clock, p, 'customer.created', customer);
        return customer;
      });
    },

    async update(p: Partition, id: string, patch: CustomerInput): Promise<CustomerRecord> {
      if (patch.phone) checkPhone(patch.phone);
      return store.transaction(async (tx) => {
        // Locked: a concurrent PATCH of other fields waits, and then merges onto this one's result.
        const current = await tx.customers.get(p, id, { forUpdate: true });
        if (!current) throw customerNotFound(id);
        const merged: CustomerRecord = { ...current, ...definedOnly(patch), id: current.id, created_at: current.created_at };
        const changed = CUSTOMER_FIELDS.some((f) => merged[f] !== current[f]);
        if (!changed) return current;
        const next = { ...merged, updated_at: now() };
        const claimed = [
          ...(next.phone !== null && next.phone !== current.phone ? [`customers.phone=${next.phone}`] : []),
          ...(next.external_ref !== null && next.external_ref !== current.external_ref ? [`customers.external_ref=${next.external_ref}`] : []),
        ];
        if (claimed.length > 0) await tx.locks.hold(p, claimed);
        const result = await tx.customers.update(p, next);
        if (result === 'not_found') throw customerNotFound(id);
        if (result !== 'ok') throw writeError(result, next);
        await emit(tx, clock, p, 'customer.updated', next);
        return next;
      });
    },

    async list(p: Partition, input: ListCustomersInput) {
      if (input.phone !== undefined) checkPhone(input.phone);
      const filters: { search?: string; email?: string; phone?: string } = {};
      for (const name of ['search', 'email', 'phone'] as const) if (input[name] !== undefined) filters[name] = input[name];
      return listPage(input, filters, {
        noun: 'customer',
        fields: CUSTOMER_FIELDS,
        list: CUSTOMER_LIST,
        partition: p, cursors,
        fetch: (query) => store.customers.list(p, query),
      });
    },
  };
}

function definedOnly(patch: CustomerInput): CustomerInput {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as CustomerInput;
}

export type CustomerService = ReturnType<typeof customerService>;
