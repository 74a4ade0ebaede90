import type { Clock } from '../../clock.js';
import { ApiError } from '../../errors.js';
import type { RecordProcessor } from '../jobs/processors.js';
import type { Store, StoreOps } from '../../store/port.js';
import { CATEGORY_LIST, type CategoryListQuery, type CategoryRecord, type CategorySort } from '../../store/categories.js';
import type { Partition } from '../../store/partition.js';
import { submitBatch, type JobAccepted } from '../jobs/submit.js';
import type { CursorSigner } from '../cursor.js';
import { listPage, pick, type ListEnvelope, type ListParams } from '../list-page.js';

/** Partner-writable fields (the spec's CategoryAttributes), plus the code on create. */
export type CategoryInput = Partial<Omit<CategoryRecord, 'created_at' | 'updated_at'>>;
export type CategoryListParams = ListParams<CategorySort> & { parent_code?: string; search?: string };

const FIELDS = ['category_code', 'name', 'parent_code', 'description', 'status', 'external_ref', 'created_at', 'updated_at'] as const;
const notFound = (code: string) => ApiError.notFound(`No category with code ${code}.`);

/**
 * Why a category cannot be stored: an unknown or cyclic `parent_code`, or a taken
 * `external_ref`; `null` when it can. All are `400 VALIDATION_FAILED` per the spec.
 */
export async function categoryRuleFailure(tx: StoreOps, p: Partition, category: CategoryRecord): Promise<{ field: string; issue: string } | null> {
  if (category.parent_code !== null) {
    // Walk up from the new parent; meeting the category itself means it would be its own ancestor.
    const seen = new Set<string>();
    let code: string | null = category.parent_code;
    while (code !== null && !seen.has(code)) {
      if (code === category.category_code) return { field: 'parent_code', issue: 'would make the category its own ancestor' };
      seen.add(code);
      const node: CategoryRecord | null = await tx.categories.get(p, code);
      if (!node) {
        if (code === category.parent_code) return { field: 'parent_code', issue: `no category with code ${code}` };
        break;
      }
      code = node.parent_code;
    }
  }
  if (category.external_ref !== null) {
    await tx.locks.hold(p, [`categories.external_ref=${category.external_ref}`]);
    const owner = await tx.categories.findCodeByExternalRef(p, category.external_ref);
    if (owner !== null && owner !== category.category_code) return { field: 'external_ref', issue: `is already used by category ${owner}` };
  }
  return null;
}

function newCategory(input: CategoryInput & { category_code: string; name: string }, now: string): CategoryRecord {
  return {
    category_code: input.category_code,
    name: input.name,
    parent_code: input.parent_code ?? null,
    description: input.description ?? null,
    status: input.status ?? 'active',
    external_ref: input.external_ref ?? null,
    created_at: now,
    updated_at: now,
  };
}

function merge(current: CategoryRecord, patch: CategoryInput, now: string): CategoryRecord {
  const { category_code: _immutable, ...changes } = patch;
  return { ...current, ...changes, category_code: current.category_code, created_at: current.created_at, updated_at: now };
}

/**
 * Creates or updates one category by code (a batch record, or the body of a create/patch).
 * Returns the stored category, or the failed rule.
 */
async function upsert(tx: StoreOps, p: Partition, input: CategoryInput & { category_code: string }, now: string, mode: 'create' | 'update' | 'upsert') {
  if (input.parent_code !== undefined && input.parent_code !== null) await tx.categories.lockTree(p);
  const current = mode === 'create' ? null : await tx.categories.get(p, input.category_code, { forUpdate: true });
  if (mode === 'update' && !current) throw notFound(input.category_code);
  if (mode === 'create' && (await tx.categories.get(p, input.category_code))) {
    return { failure: { field: 'category_code', issue: `category ${input.category_code} already exists` } };
  }
  const next = current ? merge(current, input, now) : newCategory(input as CategoryInput & { category_code: string; name: string }, now);
  const failure = await categoryRuleFailure(tx, p, next);
  if (failure) return { failure };
  if (current) {
    await tx.categories.update(p, next);
  } else {
    const result = await tx.categories.insert(p, next);
    if (result === 'duplicate_code') return { failure: { field: 'category_code', issue: `category ${next.category_code} already exists` } };
    if (result === 'duplicate_external_ref') return { failure: { field: 'external_ref', issue: 'is already used by another category' } };
  }
  return { category: next };
}

/**
 * The Categories use cases, free of HTTP.
 *
 * @example
 * const categories = categoryService({ store, clock, cursors });
 * await categories.create(partition, { category_code: 'apparel', name: 'Apparel' });
 */
export function categoryService({ store, clock, cursors }: { store: Store; clock: Clock; cursors: CursorSigner }) {
  const now = () => clock.now().toISOString();
  const write = async (p: Partition, input: CategoryInput & { category_code: string }, mode: 'create' | 'update') =>
    store.transaction(async (tx) => {
      const result = await upsert(tx, p, input, now(), mode);
      if (result.failure) throw ApiError.validation([result.failure], `Category ${input.category_code}: ${result.failure.field} ${result.failure.issue}.`);
      return result.category!;
    });

  return {
    list: (p: Partition, params: CategoryListParams): Promise<ListEnvelope<CategoryRecord>> =>
      listPage(params, pick<CategoryListQuery['filters']>(params, ['parent_code', 'search']), {
        list: CATEGORY_LIST, noun: 'category', fields: FIELDS,
        partition: p, cursors,
        fetch: (query) => store.categories.list(p, query),
      }),

    async get(p: Partition, code: string): Promise<CategoryRecord> {
      return (await store.categories.get(p, code)) ?? Promise.reject(notFound(code));
    },

    create: (p: Partition, input: CategoryInput & { category_code: string; name: string }) => write(p, input, 'create'),

    update: (p: Partition, code: string, patch: CategoryInput) => write(p, { ...patch, category_code: code }, 'update'),

    async batch(p: Partition, items: unknown[], batchLimit: number): Promise<JobAccepted> {
      return submitBatch(store, clock, p, 'categories.batch', items, batchLimit);
    },
  };
}

/** `categories.batch`: upsert by `category_code`; rule failures fail only this record. */
export const categoryRecordProcessor: RecordProcessor = async (tx, p, record, { clock }) => {
  const result = await upsert(tx, p, record as CategoryInput & { category_code: string }, clock.now().toISOString(), 'upsert');
  return result.failure ? { code: 'VALIDATION_FAILED', ...result.failure } : undefined;
};
