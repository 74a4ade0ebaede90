import type { Clock } from '../../clock.js';
import { ApiError, type ErrorCode } from '../../errors.js';
import type { RecordProcessor } from '../jobs/processors.js';
import type { Store, StoreOps } from '../../store/port.js';
import { DEALER_LIST, type DealerAddress, type DealerListQuery, type DealerRecord, type DealerSort } from '../../store/dealers.js';
import type { Partition } from '../../store/partition.js';
import { isE164 } from '../phone.js';
import { submitBatch } from '../jobs/submit.js';
import type { CursorSigner } from '../cursor.js';
import { listPage, pick, type ListEnvelope, type ListParams } from '../list-page.js';

/** Partner-writable fields (the spec's DealerAttributes), plus the code on create. */
export type DealerInput = Partial<Omit<DealerRecord, 'created_at' | 'updated_at' | 'address'>> & {
  address?: (Omit<DealerAddress, 'line2' | 'state'> & Partial<Pick<DealerAddress, 'line2' | 'state'>>) | null;
};
export type DealerListParams = ListParams<DealerSort> & { status?: DealerRecord['status']; search?: string };

const FIELDS = ['code', 'name', 'email', 'phone', 'address', 'status', 'external_ref', 'created_at', 'updated_at'] as const;
const notFound = (code: string) => ApiError.notFound(`No dealer with code ${code}.`);

interface Failure {
  code: ErrorCode;
  field: string;
  issue: string;
}

// Responses always carry line2 and state, null when unset.
const fullAddress = (a: DealerInput['address']): DealerAddress | null =>
  a ? { line1: a.line1, line2: a.line2 ?? null, city: a.city, state: a.state ?? null, postal_code: a.postal_code, country: a.country } : null;

function build(current: DealerRecord | null, input: DealerInput & { code: string }, now: string): DealerRecord {
  const { code: _immutable, address, ...changes } = input;
  const base: DealerRecord = current ?? {
    code: input.code, name: '', email: null, phone: null, address: null, status: 'active', external_ref: null, created_at: now, updated_at: now,
  };
  return {
    ...base,
    ...changes,
    ...(address !== undefined ? { address: fullAddress(address) } : {}),
    code: base.code,
    created_at: base.created_at,
    updated_at: now,
  };
}

async function upsert(tx: StoreOps, p: Partition, input: DealerInput & { code: string }, now: string, mode: 'create' | 'update' | 'upsert'): Promise<{ failure?: Failure; dealer?: DealerRecord }> {
  const current = mode === 'create' ? null : await tx.dealers.get(p, input.code, { forUpdate: true });
  if (mode === 'update' && !current) throw notFound(input.code);
  const next = build(current, input, now);
  if (next.phone !== null && !isE164(next.phone)) {
    return { failure: { code: 'INVALID_PHONE', field: 'phone', issue: 'must be an E.164 number such as +919812345678' } };
  }
  if (next.external_ref !== null) {
    await tx.locks.hold(p, [`dealers.external_ref=${next.external_ref}`]);
    const owner = await tx.dealers.findCodeByExternalRef(p, next.external_ref);
    if (owner !== null && owner !== next.code) return { failure: { code: 'VALIDATION_FAILED', field: 'external_ref', issue: `is already used by dealer ${owner}` } };
  }
  if (current) {
    await tx.dealers.update(p, next);
    return { dealer: next };
  }
  const result = await tx.dealers.insert(p, next);
  if (result === 'duplicate_code') return { failure: { code: 'VALIDATION_FAILED', field: 'code', issue: `dealer ${next.code} already exists` } };
  if (result === 'duplicate_external_ref') return { failure: { code: 'VALIDATION_FAILED', field: 'external_ref', issue: 'is already used by another dealer' } };
  return { dealer: next };
}

/**
 * The Dealers use cases, free of HTTP.
 *
 * @example
 * const dealers = dealerService({ store, clock, cursors });
 * await dealers.create(partition, { code: 'DLR-1', name: 'Sharma', phone: '+912226543210' });
 */
export function dealerService({ store, clock, cursors }: { store: Store; clock: Clock; cursors: CursorSigner }) {
  const now = () => clock.now().toISOString();
  const write = (p: Partition, input: DealerInput & { code: string }, mode: 'create' | 'update') =>
    store.transaction(async (tx) => {
      const { failure, dealer } = await upsert(tx, p, input, now(), mode);
      if (failure) throw new ApiError(failure.code, `Dealer ${input.code}: ${failure.field} ${failure.issue}.`, [{ field: failure.field, issue: failure.issue }]);
      return dealer!;
    });

  return {
    list: (p: Partition, params: DealerListParams): Promise<ListEnvelope<DealerRecord>> =>
      listPage(params, pick<DealerListQuery['filters']>(params, ['status', 'search']), {
        list: DEALER_LIST, noun: 'dealer', fields: FIELDS,
        partition: p, cursors,
        fetch: (query) => store.dealers.list(p, query),
      }),

    async get(p: Partition, code: string): Promise<DealerRecord> {
      return (await store.dealers.get(p, code)) ?? Promise.reject(notFound(code));
    },

    create: (p: Partition, input: DealerInput & { code: string; name: string }) => write(p, input, 'create'),

    update: (p: Partition, code: string, patch: DealerInput) => write(p, { ...patch, code }, 'update'),

    batch: (p: Partition, items: unknown[], batchLimit: number) =>
      submitBatch(store, clock, p, 'dealers.batch', items, batchLimit),
  };
}

/** `dealers.batch`: upsert by `code`; a bad phone or taken external_ref fails only this record. */
export const dealerRecordProcessor: RecordProcessor = async (tx, p, record, { clock }) => {
  const { failure } = await upsert(tx, p, record as DealerInput & { code: string }, clock.now().toISOString(), 'upsert');
  return failure;
};
