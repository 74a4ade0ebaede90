/**
 * Types that turn one line of the resource table (`'GET /v1/products/{sku}'`) plus the spec's
 * `paths` into a typed method. Nothing here exists at run time.
 */
import type { IngestOptions, IngestResult } from './ingest.js';
import type { JobHandle } from './jobs.js';
import type { PagePromise } from './pagination.js';
import type { CallOptions } from './transport.js';

/**
 * HTTP verbs, plus two that tell the run time what the spec's types already know:
 * `LIST` is a GET with cursor pagination (returns a PagePromise), `ACTION` a POST without a body.
 */
export type Verb = 'GET' | 'LIST' | 'POST' | 'ACTION' | 'PATCH' | 'PUT' | 'DELETE';
export type OperationSpec = `${Verb} /${string}`;
export type ResourceTable = Record<string, Record<string, OperationSpec>>;

type HttpMethod<V> = V extends 'LIST' ? 'get' : V extends 'ACTION' ? 'post' : Lowercase<V & string>;
type Present<T> = [Exclude<T, undefined>] extends [never] ? false : true;
type Responses<Op> = Op extends { responses: infer R } ? R : never;
type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : never;
type SuccessJson<Op> = JsonOf<Responses<Op>[200 & keyof Responses<Op>]> | JsonOf<Responses<Op>[201 & keyof Responses<Op>]>;
type Body<Op> = Op extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;
type Query<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
type PathParams<Op> = Op extends { parameters: { path?: infer P } } ? NonNullable<P> : never;
type IsList<Op> = SuccessJson<Op> extends { data: unknown[]; meta: { next_cursor: unknown } } ? true : false;
type IsJob<Op> = 202 extends keyof Responses<Op> ? true : false;

/** The operation a table line names, or `never` when the spec has no such path and method. */
export type OperationAt<Paths, S> = S extends `${infer V} ${infer P}`
  ? P extends keyof Paths
    ? HttpMethod<V> extends keyof Paths[P]
      ? Exclude<Paths[P][HttpMethod<V> & keyof Paths[P]], undefined>
      : never
    : never
  : never;

type VerbsFor<PathItem> =
  | (Present<PathItem['get' & keyof PathItem]> extends true
      ? IsList<PathItem['get' & keyof PathItem]> extends true ? 'LIST' : 'GET'
      : never)
  | (Present<PathItem['post' & keyof PathItem]> extends true
      ? [Body<PathItem['post' & keyof PathItem]>] extends [never] ? 'ACTION' : 'POST'
      : never)
  | (Present<PathItem['patch' & keyof PathItem]> extends true ? 'PATCH' : never)
  | (Present<PathItem['put' & keyof PathItem]> extends true ? 'PUT' : never)
  | (Present<PathItem['delete' & keyof PathItem]> extends true ? 'DELETE' : never);

/** Every table line the spec allows; the table `satisfies` it, so a wrong verb or path fails to compile. */
export type ValidSpec<Paths> = { [P in keyof Paths & string]: `${VerbsFor<Paths[P]>} ${P}` }[keyof Paths & string];

type ParamNames<P> = P extends `${string}{${infer Name}}${infer Rest}` ? [Name, ...ParamNames<Rest>] : [];
type PathArgs<Op, Names> = { [K in keyof Names]: PathParams<Op>[Names[K] & keyof PathParams<Op>] };
type BodyArgs<V, Op> = V extends 'POST' | 'PATCH' | 'PUT'
  ? Op extends { requestBody: object } ? [body: Body<Op>] : [body?: Body<Op>]
  : [];
type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
/** Query parameters ride in the options object: `list({ status: 'active', signal })`. */
type OptionArgs<Op> = [Query<Op>] extends [never]
  ? [options?: CallOptions]
  : [RequiredKeys<Query<Op>>] extends [never]
    ? [options?: CallOptions & Query<Op>]
    : [options: CallOptions & Query<Op>];

/** What a resource method resolves to: the envelope's `data`, a job, or nothing (204). Lists: see `ListMethod`. */
export type Result<Op> = IsJob<Op> extends true
  ? Promise<JobHandle>
  : [SuccessJson<Op>] extends [never]
    ? Promise<void>
    : Promise<SuccessJson<Op> extends { data: infer D } ? D : SuccessJson<Op>>;

/** The item schema of a list answer. For lists with `fields`, the spec's `…Projection`. */
type ListItem<Op> = SuccessJson<Op> extends { data: (infer Item)[] } ? Item : never;
/** `'sku,title'` → `'sku' | 'title'`. */
export type FieldNames<F extends string> = F extends `${infer Head},${infer Rest}` ? Head | FieldNames<Rest> : F;
/**
 * A list item as `fields` shapes it. The spec's projection schema requires only the item's key
 * (`sku`, `id`, …) and lists every field, so: no `fields`, every field; `fields: 'title,price'`,
 * those fields and the key; a `fields` string only known at run time, the projection itself.
 */
export type Projected<Item, F extends string> = [F] extends [never]
  ? Required<Item>
  : string extends F
    ? Item
    : Pick<Required<Item>, (FieldNames<F> & keyof Item) | RequiredKeys<Item>>;
/** `F` when it names only fields of `Item`; otherwise the field names, which the compiler error then lists. */
type KnownFields<F extends string, Item> = string extends F
  ? F
  : [Exclude<FieldNames<F>, keyof Item>] extends [never] ? F : keyof Item & string;
/**
 * A paginated GET. Where the operation takes `fields`, the method is generic in it, so
 * `list({ fields: 'sku,title' })` pages `Pick<Product, 'sku' | 'title'>`.
 */
export type ListMethod<PathArgsT extends unknown[], Op> = 'fields' extends keyof Query<Op>
  ? <const F extends string = never>(
      ...args: [...PathArgsT, options?: CallOptions & Omit<Query<Op>, 'fields'> & { fields?: F & KnownFields<F, ListItem<Op>> }]
    ) => PagePromise<Projected<ListItem<Op>, F>>
  : (...args: [...PathArgsT, ...OptionArgs<Op>]) => PagePromise<ListItem<Op>>;

export type Method<Paths, S> = S extends `${infer V} ${infer P}`
  ? V extends 'LIST'
    ? ListMethod<PathArgs<OperationAt<Paths, S>, ParamNames<P>>, OperationAt<Paths, S>>
    : (...args: [...PathArgs<OperationAt<Paths, S>, ParamNames<P>>, ...BodyArgs<V, OperationAt<Paths, S>>, ...OptionArgs<OperationAt<Paths, S>>]) => Result<OperationAt<Paths, S>>
  : never;

type BatchItem<Spec, Paths> = Body<OperationAt<Paths, Spec>> extends infer B ? (B extends { items: (infer I)[] } ? I : never) : never;

/** `ingest()` on every resource whose table has a `batch` line. */
export type IngestMethod<Item> = (
  source: Iterable<Item> | AsyncIterable<Item>,
  options?: IngestOptions & Omit<CallOptions, 'idempotencyKey' | 'signal'>,
) => Promise<IngestResult>;

export type Resources<Paths, T extends ResourceTable> = {
  [R in keyof T]: { [M in keyof T[R]]: Method<Paths, T[R][M]> } & (T[R] extends { batch: infer B }
    ? { ingest: IngestMethod<BatchItem<B, Paths>> }
    : unknown);
};
