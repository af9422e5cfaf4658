// Types of propexo-preflight: the same for every entry point (the web entry adds init).

/** How to check a body. Every key is optional; `null` means "not given". */
export interface Options {
  /** `"update"` (PUT, every field optional; the default) or `"create"` (POST). */
  operation?: Operation | null;
  /** Accept what HTML forms send (strings for numbers and booleans, any case…). */
  coerce?: boolean | null;
  /** The stored integration as Propexo returns it: the whole GET, PUT or POST response, or the integration object. */
  current?: Record<string, unknown> | null;
  /** The PMS's rate limits as the rate-limits endpoint returns them, with or without the `results` wrapper. */
  rate_limits?: Record<string, unknown> | null;
  /** "Now", for naming the next clock change: an RFC 3339 date-time or a Date. Default: the clock. */
  now?: string | Date | null;
}

// vocab:begin (the build inlines vocab.d.ts here, generated from the core)
import type { Cadence, Day, IssueCode, Operation, Severity, System, Timezone, Vendor } from './vocab.js';
export type { Cadence, Day, IssueCode, Operation, Severity, System, Timezone, Vendor } from './vocab.js';
// vocab:end

/** One time slot of a day: syncs from `start`, every interval, while before `end`. */
export interface ScheduleSlot {
  /** `HH:MM`, 00:00–23:59, in the schedule's time zone. */
  start: string;
  end: string;
  sync_frequency: number;
  sync_cadence: Cadence;
}

export interface ScheduleDay {
  slots: ScheduleSlot[];
}

export interface CustomSyncSchedule {
  type: 'WEEK_BASED';
  timezone: Timezone;
  interval: Partial<Record<Day, ScheduleDay>>;
}

/** Body of `PUT /v1/admin/integrations/{integration_id}/`: every field optional. */
export interface UpdateIntegrationBody {
  name?: string;
  integration_vendor?: Vendor;
  credentials?: Record<string, unknown>;
  active?: boolean;
  new_properties_are_enabled?: boolean;
  sync_frequency?: number;
  sync_cadence?: Cadence;
  use_custom_sync_schedule?: boolean;
  custom_sync_schedule?: CustomSyncSchedule;
  max_request_frequency?: number;
  max_request_cadence?: Cadence;
  max_job_concurrency?: number;
  /** @deprecated */
  system?: System;
  /** @deprecated */
  base_url?: string | null;
  /** @deprecated */
  allow_manual_syncs?: boolean;
}

/** Body of `POST /v1/admin/integrations/`. */
export interface CreateIntegrationBody extends UpdateIntegrationBody {
  name: string;
  integration_vendor: Vendor;
  credentials: Record<string, unknown>;
  based_on_integration_id?: string;
}

/** A key or an array index. */
export type PathSegment = string | number;

export interface Issue {
  /** A Zod v3 code (`invalid_type`, `too_small`…) or one of preflight's (`overlapping_slots`…). */
  code: IssueCode;
  severity: Severity;
  path: PathSegment[];
  /** The path as an RFC 6901 JSON Pointer ("" for the body itself). */
  pointer: string;
  message: string;
  /** Machine-readable details (expected, received, minimum, keys, options…). */
  params: Record<string, unknown>;
}

/** Something normalization changed; `to` is absent when the field was removed. */
export interface Change {
  path: PathSegment[];
  pointer: string;
  from: unknown;
  to?: unknown;
}

export interface Report<Body = UpdateIntegrationBody | CreateIntegrationBody> {
  /** True when no issue is an error. */
  valid: boolean;
  /** In document order of the body. */
  issues: Issue[];
  /** The canonical body to send, when valid. */
  normalized: Body | null;
  changes: Change[];
}

/** A body: a value, its JSON text, or the UTF-8 bytes of that text. */
export type BodyInput = unknown;

/** Checks a body. Never throws on a bad body; bad options throw a TypeError. */
export declare function check(body: BodyInput, options?: Options | null): Report;

/** The normalized body, or a thrown PreflightError listing the errors. */
export declare function normalize(
  body: BodyInput,
  options: Options & { operation: 'create' },
): CreateIntegrationBody;
export declare function normalize(body: BodyInput, options?: Options | null): UpdateIntegrationBody;

export declare class PreflightError extends Error {
  readonly name: 'PreflightError';
  /** The errors of the report, in report order. */
  readonly issues: Issue[];
  /** The whole report, warnings included. */
  readonly report: Report;
}

/** The server's 400 body for a report's errors (a report as `check` returns it). */
export declare function toErrorResponse(report: Report): ErrorResponse;

export interface ErrorResponse {
  error: {
    code: 'invalid_request';
    message: 'invalid request';
    details: { issues: Array<Record<string, unknown>>; name: 'ZodError' };
  };
}

export interface ScheduleSlotSpec {
  start: string;
  end: string;
  sync_frequency: number;
  sync_cadence: Cadence;
}

export type EffectiveSchedule =
  | {
      kind: 'fixed';
      source: 'body' | 'current' | 'default';
      sync_frequency: number;
      sync_cadence: Cadence;
      summary: string;
    }
  | {
      kind: 'custom';
      source: 'body' | 'current' | 'default';
      timezone: Timezone;
      interval: Partial<Record<Day, ScheduleSlotSpec[]>>;
      summary: string;
    }
  | { kind: 'unknown'; reason: string; summary: string };

/** One sync instant as RFC 3339, in UTC and in the schedule's local time. */
export interface SyncInstant {
  utc: string;
  local: string;
}

/** Why `syncs` holds fewer instants than were asked for. */
export interface SyncsEnd {
  /** `no_slots`: the custom schedule never syncs; `range_end`: the next would be after 2099-12-31T23:59:59Z. */
  reason: 'no_slots' | 'range_end';
  message: string;
}

/** The instants `nextSyncs` found and, when fewer than asked for, why there are no more. */
export interface NextSyncs {
  syncs: SyncInstant[];
  /** True when `syncs` holds every instant asked for. */
  complete: boolean;
  /** null when complete. */
  end: SyncsEnd | null;
}

export interface WeeklySummary {
  kind: 'fixed' | 'custom' | 'unknown';
  timezone: Timezone | null;
  per_day: Record<Day, number>;
  per_week: number;
  /** For a custom schedule: the counts are of a week without a clock change. null for a fixed schedule. */
  note: string | null;
  coverage: Array<{
    day: Day;
    start: string;
    /** Up to "24:00". */
    end: string;
    sync_frequency: number;
    sync_cadence: Cadence;
    syncs: number;
  }>;
  summary: string;
}

/** The schedule in force after `current` (on update) and the documented defaults (on create). */
export declare function effectiveSchedule(body: BodyInput, options?: Options | null): EffectiveSchedule;

/**
 * The next `count` sync instants at or after `from`, found until `count` are or the
 * supported range (1970-01-01T00:00:00Z to 2099-12-31T23:59:59Z) ends; `complete` and
 * `end` say which. Throws a TypeError when the schedule is unknown or `from` is outside
 * the range.
 */
export declare function nextSyncs(
  body: BodyInput,
  options: Options | null | undefined,
  from: Date | string,
  count: number,
): NextSyncs;

export declare function weeklySummary(body: BodyInput, options?: Options | null): WeeklySummary;

/** The strict JSON Schema (draft 2020-12) of what `check` accepts; an update's by default. */
export declare function jsonSchema(operation?: Operation): Record<string, unknown>;

export interface CredentialKey {
  name: string;
  type: 'string' | 'number' | 'object';
  /** For an object key: the shape it holds. */
  shape?: CredentialShape;
  /** For an object of optional keys that each hold `shape`: those keys. */
  keys?: string[];
}

export interface CredentialShape {
  title: string;
  required: CredentialKey[];
  optional: CredentialKey[];
}

/** Per vendor, the credential shapes it accepts (any one of them; none when unpublished). */
export declare function credentialShapes(): Record<Vendor, CredentialShape[]>;

/** The Standard Schema V1 interface (https://standardschema.dev). */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaV1.Props<Input, Output>;
}

export declare namespace StandardSchemaV1 {
  interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => Result<Output> | Promise<Result<Output>>;
    readonly types?: Types<Input, Output> | undefined;
  }
  type Result<Output> = SuccessResult<Output> | FailureResult;
  interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }
  interface FailureResult {
    readonly issues: ReadonlyArray<Issue>;
  }
  interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  interface PathSegment {
    readonly key: PropertyKey;
  }
  interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
  type InferInput<Schema extends StandardSchemaV1> = NonNullable<
    Schema['~standard']['types']
  >['input'];
  type InferOutput<Schema extends StandardSchemaV1> = NonNullable<
    Schema['~standard']['types']
  >['output'];
}

/** Standard Schema of an update body; the value of a success is the normalized body. */
export declare const updateIntegrationSchema: StandardSchemaV1<unknown, UpdateIntegrationBody>;
/** Standard Schema of a create body; the value of a success is the normalized body. */
export declare const createIntegrationSchema: StandardSchemaV1<unknown, CreateIntegrationBody>;
/**
 * A Standard Schema that checks with the given options (for example `coerce: true`). The
 * options are read once, here; bad options throw a `TypeError` here.
 */
export declare function standardSchema(
  options: Options & { operation: 'create' },
): StandardSchemaV1<unknown, CreateIntegrationBody>;
export declare function standardSchema(options?: Options | null): StandardSchemaV1<unknown, UpdateIntegrationBody>;

/** What `guardFetch` does; every key is optional. */
export interface GuardFetchOptions {
  /** Passed to `check`: accept what HTML forms send. */
  coerce?: boolean;
  /** Passed to `check`: the PMS's rate limits. */
  rate_limits?: Record<string, unknown> | null;
  /** Passed to `check`: "now", for naming the next clock change. */
  now?: string | Date | null;
  /**
   * On an update, first read the stored integration (`GET` of the same URL with the same
   * fetch and headers) and check the body against it. A GET that fails rejects the call.
   */
  current?: boolean;
  /** What a valid body is sent as: `"normalized"` (the default) or `"as-given"`. */
  send?: 'normalized' | 'as-given';
  /** Called with the warnings before a valid body is sent; throwing (or rejecting) stops it. */
  onWarnings?: (
    warnings: Issue[],
    context: { report: Report; method: 'POST' | 'PUT'; url: string },
  ) => void | Promise<void>;
}

/** fetch, with the report of a checked request on its response. */
export type GuardedFetch = (
  input: string | URL | Request,
  init?: RequestInit,
) => Promise<Response & { preflightReport?: Report }>;

/**
 * A fetch that checks the body of `POST …/v1/admin/integrations/` (create) and
 * `PUT …/v1/admin/integrations/{id}/` (update) before sending: on errors it rejects with
 * `PreflightError` and sends nothing; a valid body is sent normalized. Every other request
 * goes to `fetch` (default: `globalThis.fetch`) untouched.
 */
export declare function guardFetch(fetch?: typeof globalThis.fetch, options?: GuardFetchOptions): GuardedFetch;
export declare function guardFetch(options: GuardFetchOptions): GuardedFetch;
