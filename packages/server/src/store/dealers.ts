import { listSpec, type ListQuery, type Page } from './list.js';
import type { Partition } from './partition.js';

/** Dealers, by `code`. */
export interface DealerAddress {
  line1: string;
  line2: string | null;
  city: string;
  state: string | null;
  postal_code: string;
  country: string;
}
export interface DealerRecord {
  code: string;
  name: string;
  email: string | null;
  phone: string | null;
  address: DealerAddress | null;
  status: 'active' | 'inactive' | 'suspended';
  external_ref: string | null;
  created_at: string;
  updated_at: string;
}
export type DealerSort = 'code' | 'name' | 'created_at' | 'updated_at';
export type DealerListQuery = ListQuery<{ status?: DealerRecord['status']; search?: string }, DealerSort>;
export const DEALER_LIST = listSpec<DealerRecord>()({
  keys: ['code'],
  sorts: {
    code: { column: 'code', kind: 'text' },
    name: { column: 'name', kind: 'text' },
    created_at: { column: 'created_at', kind: 'timestamp' },
    updated_at: { column: 'updated_at', kind: 'timestamp' },
  },
});

export interface DealersPort {
  /** Inserts a dealer; reports which unique key collided instead of throwing. */
  insert(p: Partition, dealer: DealerRecord): Promise<'created' | 'duplicate_code' | 'duplicate_external_ref'>;
  /** `forUpdate` locks the row until the transaction ends (SQL). */
  get(p: Partition, code: string, options?: { forUpdate?: boolean }): Promise<DealerRecord | null>;
  findCodeByExternalRef(p: Partition, externalRef: string): Promise<string | null>;
  /** Overwrites the writable fields of an existing dealer; false when it does not exist. */
  update(p: Partition, dealer: DealerRecord): Promise<boolean>;
  list(p: Partition, query: DealerListQuery): Promise<Page<DealerRecord>>;
}
