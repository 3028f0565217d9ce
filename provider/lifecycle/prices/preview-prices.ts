/**
 * Price lines during `pulumi preview` (and `pulumi up`'s preview): the one deliberate exception to
 * "check and diff make no API calls".
 *
 * Where the line is printed follows what the engine calls (checked against the CLI):
 * - a create: `check` with no old inputs, and no `diff` → the create's price, in `check`;
 * - an update: `check` with the old inputs, then `diff` with the old outputs → the new price and
 *   the difference from today's, in `diff`, only when a priced input changes;
 * - a replacement: `check`, `diff` (which announces it), then `check` again without old inputs for
 *   the new instance → that second `check` stays silent.
 *
 * It never fails or noticeably slows a preview: every failure becomes a one-line note, inquiries
 * share one time budget (the engine calls check/diff one resource after the other, so each wait
 * adds up), a request gets only the time that is left and is never retried, and identical
 * inquiries (a fleet of equal instances) are asked once. Unknown values and missing credentials
 * give a note and no API call; `zenlayer:showPrices: false` gives nothing at all.
 */
import { CLIENT_ERROR_CODES, isApiError, ZenlayerConfigError } from "../../client";
import type { Price, PriceApi } from "../../client/price-types";
import { differs } from "../diff/diff";
import { applyDefaults } from "../inputs/defaults";
import { messageOf } from "../errors";
import type { Logger } from "../runtime/progress";
import { InquiryBudget, PriceTimeout } from "./budget";
import type { RunMemory } from "./cli-run";
import {
  combine, createInquiry, estimateCreate, PRICED_KEYS, readPrice, subscriptionMonths, type PriceEstimate,
} from "./estimate";
import { formatDifference, formatEstimate } from "./format";

type Raw = Record<string, unknown>;

/** What the price lines need from outside. */
export interface PricePreviewDeps {
  /** An API whose requests time out after `timeoutMs`; throws ZenlayerConfigError without credentials. */
  api(timeoutMs: number): PriceApi;
  log: Logger;
  budget: InquiryBudget;
  /** `zenlayer:showPrices`. */
  enabled(): boolean;
  /** Lines this CLI command printed in an earlier phase (see cli-run.ts); none by default. */
  memory?: RunMemory;
}

/** The default total time a preview may spend on price inquiries. */
export const PRICE_BUDGET_MS = 2_000;

/** The price lines of one provider process (one preview or one update). */
export class PricePreview {
  /** Resources that already have their line (or note) in this process. */
  private readonly announced = new Set<string>();
  /** Answers of InquiryPriceCreateInstance by request: equal instances are asked once. */
  private readonly quotes = new Map<string, PriceEstimateSource>();
  private credentialsNoted = false;

  constructor(private readonly deps: PricePreviewDeps) {}

  /** From `check`: the price of a new instance (`olds` empty). Never throws. */
  async onCheck(olds: Raw, inputs: Raw): Promise<void> {
    if (Object.keys(olds ?? {}).length > 0 || !this.deps.enabled()) return;
    const key = resourceKey(inputs);
    if (this.announced.has(key) || inputs.adoptInstanceId !== undefined) return;
    this.announced.add(key);
    await this.guard(resourceName(inputs), memoKey("create", key, inputs), async (say) => {
      const next = await this.quoteCreate(inputs);
      if (next) say(formatEstimate(next));
    });
  }

  /** From `diff`: the price after a replacement or a priced change, against today's. Never throws. */
  async onDiff(id: string, olds: Raw, news: Raw, diff: { changes?: boolean; replaces?: string[] }): Promise<void> {
    if (!diff.changes || !this.deps.enabled()) return;
    const replacing = (diff.replaces?.length ?? 0) > 0;
    const before = applyDefaults(olds ?? {});
    const after = applyDefaults(news ?? {});
    const changed = PRICED_KEYS.filter((key) => differs(key, before, after));
    if (!replacing && changed.length === 0) return;
    const key = resourceKey(news, olds);
    this.announced.add(key);
    await this.guard(resourceName(news, olds), memoKey("change", key, news, olds), async (say) => {
      // The instance's bandwidth inquiry prices a bandwidth billed as such; under another network
      // billing (a traffic package, 95th percentile) the cap is priced with the whole instance below.
      if (!replacing && changed.length === 1 && changed[0] === "internetMaxBandwidthOut" && after.internetChargeType === "ByBandwidth") {
        return this.bandwidthChange(id, before, after, say);
      }
      if (!replacing && changed.length === 1 && changed[0] === "trafficPackageSize") {
        return this.trafficPackageChange(id, before, after, say);
      }
      const next = await this.quoteCreate(after);
      if (!next) return;
      const today = await this.quoteCreate(before).catch(() => undefined);
      const what = replacing ? "replacement" : "after the change";
      say(`${what} ${formatEstimate(next)}${today ? `; ${formatDifference(next, today)}` : ""}`);
    });
  }

  private bandwidthChange(id: string, before: Raw, after: Raw, say: (line: string) => void): Promise<void> {
    return this.partChange({
      item: "bandwidth", unit: "Mbps", from: before.internetMaxBandwidthOut, to: after.internetMaxBandwidthOut as number, months: subscriptionMonths(after),
      ask: async (mbps, ms) => (await this.deps.api(ms).inquiryPriceInstanceBandwidth({ instanceId: id, internetMaxBandwidthOut: mbps })),
      prices: (res) => res.bandwidthPrice,
    }, say);
  }

  private trafficPackageChange(id: string, before: Raw, after: Raw, say: (line: string) => void): Promise<void> {
    return this.partChange({
      item: "traffic package", unit: "TB", from: before.trafficPackageSize, to: after.trafficPackageSize as number, months: subscriptionMonths(after),
      ask: async (tb, ms) => (await this.deps.api(ms).inquiryPriceInstanceTrafficPackage({ instanceId: id, trafficPackageSize: tb })),
      prices: (res) => res.trafficPackagePrice,
    }, say);
  }

  /** A change of one part of a live instance, priced by the instance's own action for the new and today's value. */
  private async partChange<R extends { requestId: string }>(part: {
    item: string; unit: string; from: unknown; to: number; months: number | undefined;
    ask: (value: number, timeoutMs: number) => Promise<R>;
    prices: (res: R) => Price[];
  }, say: (line: string) => void): Promise<void> {
    const estimate = async (value: number): Promise<PriceEstimate> => {
      const res = await this.deps.budget.run((ms) => part.ask(value, ms));
      return combine([res.requestId], part.prices(res).map((p) => readPrice(part.item, p, part.months, part.unit)));
    };
    const from = typeof part.from === "number" && part.from > 0 ? part.from : undefined;
    const [next, today] = await Promise.all([estimate(part.to), from === undefined ? undefined : estimate(from).catch(() => undefined)]);
    const difference = today ? `; ${formatDifference(next, today)}` : "";
    say(`${part.item} ${from ?? 0} → ${part.to} ${part.unit} ${formatEstimate(next)}${difference}`);
  }

  /** The estimate for an instance with these inputs; undefined (after a note) when values are unknown. */
  private async quoteCreate(inputs: Raw): Promise<PriceEstimate | undefined> {
    const inquiry = createInquiry(inputs);
    if ("unknown" in inquiry) throw new UnknownValues(inquiry.unknown);
    const cacheKey = JSON.stringify(inquiry.request);
    let source = this.quotes.get(cacheKey);
    if (!source) {
      source = this.deps.budget.run((ms) => this.deps.api(ms).inquiryPriceCreateInstance(inquiry.request));
      this.quotes.set(cacheKey, source);
      // Only answers are kept: a failure is asked again by the next resource (if time is left).
      source.catch(() => this.quotes.delete(cacheKey));
    }
    return estimateCreate(await source, inputs);
  }

  /**
   * Runs `body`, turning every failure into a note; `say` prints a line for the resource. A price
   * line this CLI command already printed (the preview of `pulumi up`) is not asked for again.
   */
  private async guard(name: string, memo: string, body: (say: (line: string) => void) => Promise<void>): Promise<void> {
    const memory = this.deps.memory;
    if (memory?.has(memo)) return;
    const say = (line: string) => this.deps.log.info(`${name}: ${line}`);
    try {
      await body(say);
      memory?.add(memo);
    } catch (e) {
      const note = this.noteFor(e);
      if (note) say(`no price estimate: ${note}`);
    }
  }

  private noteFor(e: unknown): string | undefined {
    if (e instanceof UnknownValues) return `${e.paths.join(", ")} ${e.paths.length === 1 ? "is" : "are"} not known until the update runs`;
    if (e instanceof ZenlayerConfigError) {
      // Missing credentials hold for every resource: say it once.
      if (this.credentialsNoted) return undefined;
      this.credentialsNoted = true;
      return "no Zenlayer credentials (zenlayer:accessKeyId and zenlayer:accessKeyPassword, or ZENLAYERCLOUD_ACCESS_KEY_ID and ZENLAYERCLOUD_ACCESS_KEY_PASSWORD); no prices in this preview";
    }
    if (e instanceof PriceTimeout) {
      return e.waitedMs === 0
        ? `this preview already spent its ${PRICE_BUDGET_MS / 1000} s for price inquiries`
        : `Zenlayer did not answer within ${e.waitedMs} ms (previews wait at most ${PRICE_BUDGET_MS / 1000} s in all for prices)`;
    }
    if (isApiError(e)) {
      if (e.code === "REQUEST_TIMEOUT") return `${e.action} did not answer in time (previews wait at most ${PRICE_BUDGET_MS / 1000} s in all for prices)`;
      // No answer at all (refused, reset, unreadable) is a failure to reach Zenlayer, not an answer.
      if (e.code === CLIENT_ERROR_CODES.NETWORK_ERROR) return `${e.action} failed: Zenlayer could not be reached (${e.apiMessage})`;
      return `${e.action} answered ${e.code}${e.httpStatus ? ` (HTTP ${e.httpStatus})` : ""}${e.requestId ? `, request ${e.requestId}` : ""}`;
    }
    return messageOf(e);
  }
}

/** Priced inputs not known during this preview. */
class UnknownValues extends Error {
  constructor(readonly paths: string[]) {
    super(`unknown: ${paths.join(", ")}`);
  }
}

type PriceEstimateSource = Promise<Parameters<typeof estimateCreate>[0]>;

function resourceKey(news: Raw, olds: Raw = {}): string {
  for (const v of [news.__owner, olds.__owner, news.__resourceName, olds.__resourceName, news.instanceName, olds.instanceName]) {
    if (typeof v === "string" && v !== "") return v;
  }
  return "instance";
}

/** Identifies a price line within one CLI command: the resource and the priced inputs it was for. */
function memoKey(kind: string, key: string, news: Raw, olds: Raw = {}): string {
  const priced = (raw: Raw) => PRICED_KEYS.map((k) => raw[k] ?? null);
  return JSON.stringify([kind, key, priced(news), priced(olds)]);
}

function resourceName(news: Raw, olds: Raw = {}): string {
  for (const v of [news.__resourceName, olds.__resourceName, news.instanceName, olds.instanceName]) {
    if (typeof v === "string" && v !== "") return v;
  }
  return "instance";
}

