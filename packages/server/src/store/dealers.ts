import type { CodedPort } from './coded.js';
import { BY_AGE, listSpec, sortBy, type ListQuery } from './list.js';

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
  name: 'dealers',
  keys: ['code'],
  sorts: { code: sortBy('text', 'code'), name: sortBy('text', 'name'), ...BY_AGE },
});

export type DealersPort = CodedPort<DealerRecord, DealerListQuery>;
