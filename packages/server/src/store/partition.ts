/** Live and test data are separate partitions of one account. */
export type Mode = 'live' | 'test';

/** Every partner-visible record belongs to one account and one mode; every store call names both. */
export interface Partition {
  accountId: string;
  mode: Mode;
  /**
   * The request acting on the partition, when there is one. Not part of the key: it travels with
   * the partition so that jobs and events written on its behalf name it.
   */
  requestId?: string;
}

/** One partition as text (for maps and ordering); the request id is not part of it. */
export function partitionKey(p: Partition): string {
  return `${p.accountId}\u0000${p.mode}`;
}
