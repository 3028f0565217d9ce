import { REQUEST_LIMITS } from "../../facts/rules";
import { apiError } from "./errors";

/** A request body: the JSON object sent to an action. */
export type Params = Record<string, unknown>;

// Absent, null and "" all mean "not given": SDKs differ in how they omit optional fields.
function given(params: Params, name: string): unknown {
  const value = params[name];
  return value === undefined || value === null || value === "" ? undefined : value;
}

function missing(name: string): Error {
  return apiError("MISSING_PARAMETER", `The parameter \`${name}\` is required.`);
}

/** Raises INVALID_PARAMETER_VALUE naming the parameter. */
export function invalid(name: string, why: string): Error {
  return apiError("INVALID_PARAMETER_VALUE", `The parameter \`${name}\` ${why}.`);
}

/** An optional string. */
export function optString(params: Params, name: string, maxLength = 256): string | undefined {
  const value = given(params, name);
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw invalid(name, "must be a string");
  if (value.length > maxLength) throw invalid(name, `must be at most ${maxLength} characters`);
  return value;
}

/** A required string. */
export function reqString(params: Params, name: string, maxLength = 256): string {
  const value = optString(params, name, maxLength);
  if (value === undefined) throw missing(name);
  return value;
}

/** An optional value from a fixed list. */
export function optEnum<T extends string>(params: Params, name: string, values: readonly T[]): T | undefined {
  const value = optString(params, name);
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) throw invalid(name, `must be one of ${values.join(", ")} (got \`${value}\`)`);
  return value as T;
}

/** A required value from a fixed list. */
export function reqEnum<T extends string>(params: Params, name: string, values: readonly T[]): T {
  const value = optEnum(params, name, values);
  if (value === undefined) throw missing(name);
  return value;
}

/** An optional integer within bounds (JSON numbers only: "5" is rejected, as a typed SDK never sends it). */
export function optInt(params: Params, name: string, min: number, max: number): number | undefined {
  const value = given(params, name);
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) throw invalid(name, "must be an integer");
  if (value < min || value > max) throw invalid(name, `must be between ${min} and ${max} (got ${value})`);
  return value;
}

/** A required integer within bounds. */
export function reqInt(params: Params, name: string, min: number, max: number): number {
  const value = optInt(params, name, min, max);
  if (value === undefined) throw missing(name);
  return value;
}

/** An optional non-negative number (traffic package sizes are fractional TB). */
export function optNumber(params: Params, name: string, min: number, max: number): number | undefined {
  const value = given(params, name);
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) throw invalid(name, "must be a number");
  if (value < min || value > max) throw invalid(name, `must be between ${min} and ${max} (got ${value})`);
  return value;
}

/** An optional list of strings, de-duplicated in order. */
export function optStringArray(params: Params, name: string, maxItems: number): string[] | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string" || v === "")) {
    throw invalid(name, "must be an array of non-empty strings");
  }
  if (value.length > maxItems) throw invalid(name, `may hold at most ${maxItems} items`);
  return [...new Set(value as string[])];
}

/** A required, non-empty list of strings. */
export function reqStringArray(params: Params, name: string, maxItems: number): string[] {
  const value = optStringArray(params, name, maxItems);
  if (value === undefined || value.length === 0) throw missing(name);
  return value;
}

/** An optional boolean. */
export function optBool(params: Params, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw invalid(name, "must be true or false");
  return value;
}

/** An optional nested object. */
export function optObject(params: Params, name: string): Params | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) throw invalid(name, "must be an object");
  return value as Params;
}

/** Paging as the API does it: pageNum from 1, pageSize default 20, at most 1000. */
export function paging(params: Params): { pageNum: number; pageSize: number } {
  return {
    pageNum: optInt(params, "pageNum", 1, Number.MAX_SAFE_INTEGER) ?? 1,
    pageSize: optInt(params, "pageSize", 1, REQUEST_LIMITS.pageSizeMax) ?? REQUEST_LIMITS.pageSizeDefault,
  };
}

/** One page of `items` with the total count, in the `totalCount`/`dataSet` shape. */
export function page<T>(items: readonly T[], params: Params): { totalCount: number; dataSet: T[] } {
  const { pageNum, pageSize } = paging(params);
  const start = (pageNum - 1) * pageSize;
  return { totalCount: items.length, dataSet: items.slice(start, start + pageSize) };
}
