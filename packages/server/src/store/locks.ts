import type { Partition } from './partition.js';

export interface LocksPort {
  /**
   * Holds a lock per value (e.g. `products.external_ref=ERP-1`) until the transaction ends, so
   * writers claiming the same unique value run one after the other and the later one sees the
   * earlier one's row in its uniqueness check instead of failing on the index.
   */
  hold(p: Partition, values: string[]): Promise<void>;
}
