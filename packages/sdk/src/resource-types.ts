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

/** What a resource method resolves to: the envelope's `data`, a page list, a job, or nothing (204). */
export type Result<V, Op> = V extends 'LIST'
  ? PagePromise<SuccessJson<Op> extends { data: (infer Item)[] } ? Item : never>
  : IsJob<Op> extends true
    ? Promise<JobHandle>
    : [SuccessJson<Op>] extends [never]
      ? Promise<void>
      : Promise<SuccessJson<Op> extends { data: infer D } ? D : SuccessJson<Op>>;

export type Method<Paths, S> = S extends `${infer V} ${infer P}`
  ? (...args: [...PathArgs<OperationAt<Paths, S>, ParamNames<P>>, ...BodyArgs<V, OperationAt<Paths, S>>, ...OptionArgs<OperationAt<Paths, S>>]) => Result<V, OperationAt<Paths, S>>
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
